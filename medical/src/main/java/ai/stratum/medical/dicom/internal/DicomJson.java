package ai.stratum.medical.dicom.internal;

import ai.stratum.core.json.StratumJson;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The DICOM JSON model (PS3.18 F.2) of an attribute list, leaving out the file meta header. */
final class DicomJson {

  private static final int INLINE_BINARY_LIMIT = 256;

  private DicomJson() {}

  static ObjectNode toJson(AttributeList list, String bulkDataUri) {
    ObjectNode object = StratumJson.mapper().createObjectNode();
    for (Map.Entry<AttributeTag, Attribute> entry : list.entrySet()) {
      AttributeTag tag = entry.getKey();
      if (tag.isFileMetaInformationGroup() || tag.isGroupLength()) {
        continue;
      }
      object.set(
          String.format("%04X%04X", tag.getGroup(), tag.getElement()),
          attribute(entry.getValue(), bulkDataUri));
    }
    return object;
  }

  private static ObjectNode attribute(Attribute attribute, String bulkDataUri) {
    ObjectNode node = StratumJson.mapper().createObjectNode();
    String vr = attribute.getVRAsString();
    node.put("vr", vr);
    try {
      switch (vr) {
        case "SQ" -> {
          ArrayNode items = node.putArray("Value");
          Iterator<SequenceItem> iterator = ((SequenceAttribute) attribute).iterator();
          while (iterator.hasNext()) {
            items.add(toJson(iterator.next().getAttributeList(), bulkDataUri));
          }
          if (items.isEmpty()) {
            node.remove("Value");
          }
        }
        case "OB", "OD", "OF", "OL", "OV", "OW", "UN" -> binary(node, attribute, bulkDataUri);
        default -> values(node, attribute, vr);
      }
    } catch (DicomException | RuntimeException e) {
      // a value PixelMed cannot convert is still reachable through the bulk data URI
      node.remove("Value");
      node.put("BulkDataURI", bulkDataUri);
    }
    return node;
  }

  private static void binary(ObjectNode node, Attribute attribute, String bulkDataUri)
      throws DicomException {
    long length = attribute.getVL();
    if (length == 0) {
      return;
    }
    if (length > 0 && length <= INLINE_BINARY_LIMIT) {
      node.put("InlineBinary", Base64.getEncoder().encodeToString(attribute.getByteValues()));
    } else {
      node.put("BulkDataURI", bulkDataUri);
    }
  }

  private static void values(ObjectNode node, Attribute attribute, String vr)
      throws DicomException {
    if (attribute.getVM() == 0) {
      return;
    }
    String[] strings = attribute.getStringValues();
    if (strings == null || strings.length == 0) {
      return;
    }
    ArrayNode values = node.putArray("Value");
    switch (vr) {
      case "PN" -> {
        for (String name : strings) {
          values.addObject().put("Alphabetic", name.strip());
        }
      }
      case "DS", "FL", "FD" -> {
        for (String value : strings) {
          addNumber(values, value, false);
        }
      }
      case "IS", "US", "SS", "UL", "SL", "UV", "SV" -> {
        for (String value : strings) {
          addNumber(values, value, true);
        }
      }
      case "AT" -> {
        for (String value : strings) {
          values.add(value.replaceAll("[^0-9A-Fa-f]", "").toUpperCase());
        }
      }
      default -> {
        for (String value : strings) {
          values.add(value.strip());
        }
      }
    }
  }

  private static void addNumber(ArrayNode values, String text, boolean integral) {
    String value = text.strip();
    if (value.isEmpty()) {
      values.addNull();
      return;
    }
    try {
      if (integral) {
        values.add(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
      } else {
        values.add(Double.parseDouble(value));
      }
    } catch (NumberFormatException e) {
      // malformed numbers in old files are passed on as sent rather than dropped
      values.add(value);
    }
  }
}

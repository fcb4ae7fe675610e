package ai.stratum.medical.dicomweb.internal;

import ai.stratum.medical.dicom.DicomTags;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds attributes to DICOM JSON objects (PS3.18 F.2). Empty values become attributes without Value.
 */
public final class DicomJsonNodes {

  private DicomJsonNodes() {}

  public static void string(ObjectNode object, int tag, String vr, String... values) {
    ObjectNode attribute = object.putObject(DicomTags.hex(tag));
    attribute.put("vr", vr);
    ArrayNode array = null;
    for (String value : values) {
      if (value == null || value.isEmpty()) {
        continue;
      }
      if (array == null) {
        array = attribute.putArray("Value");
      }
      if (vr.equals("PN")) {
        array.addObject().put("Alphabetic", value);
      } else {
        array.add(value);
      }
    }
  }

  public static void integer(ObjectNode object, int tag, String vr, @Nullable Integer value) {
    ObjectNode attribute = object.putObject(DicomTags.hex(tag));
    attribute.put("vr", vr);
    if (value != null) {
      attribute.putArray("Value").add(value);
    }
  }

  public static ArrayNode sequence(ObjectNode object, int tag) {
    ObjectNode attribute = object.putObject(DicomTags.hex(tag));
    attribute.put("vr", "SQ");
    return attribute.putArray("Value");
  }
}

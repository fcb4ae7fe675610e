package ai.stratum.medical.deid.internal;

import ai.stratum.medical.dicom.DicomFormatException;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** PixelMed's implementation of the PS3.15 Basic Profile, plus keyed UID replacement. */
public final class BasicProfile {

  private static final String STANDARD_UID_ROOT = "1.2.840.10008.";
  private static final AttributeTag PATIENT_ID = new AttributeTag(0x0010, 0x0020);
  private static final AttributeTag PATIENT_NAME = new AttributeTag(0x0010, 0x0010);
  private static final AttributeTag PATIENT_IDENTITY_REMOVED = new AttributeTag(0x0012, 0x0062);
  private static final AttributeTag DEIDENTIFICATION_METHOD = new AttributeTag(0x0012, 0x0063);
  private static final AttributeTag TRANSFER_SYNTAX = new AttributeTag(0x0002, 0x0010);

  private BasicProfile() {}

  public static byte[] apply(byte[] part10, String pseudonym, byte[] secret) {
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
      AttributeList list = new AttributeList();
      list.setDecompressPixelData(false);
      list.read(in);
      String transferSyntax =
          Attribute.getSingleStringValueOrDefault(
                  list, TRANSFER_SYNTAX, TransferSyntax.ExplicitVRLittleEndian)
              .strip();
      list.removeGroupLengthAttributes();
      list.removeMetaInformationHeaderAttributes();
      // UIDs are replaced below with a keyed hash instead of PixelMed's per-process map
      ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(
          list,
          ClinicalTrialsAttributes.HandleUIDs.keep,
          false,
          false,
          false,
          false,
          false,
          false,
          ClinicalTrialsAttributes.HandleDates.remove,
          null,
          null);
      list.removeUnsafePrivateAttributes();
      replaceUids(list, mac(secret));
      put(list, new LongStringAttribute(PATIENT_ID), pseudonym);
      put(list, new PersonNameAttribute(PATIENT_NAME), pseudonym);
      put(list, new CodeStringAttribute(PATIENT_IDENTITY_REMOVED), "YES");
      put(
          list,
          new LongStringAttribute(DEIDENTIFICATION_METHOD),
          "PS3.15 Basic Profile; UIDs keyed hash");
      FileMetaInformation.addFileMetaInformation(list, transferSyntax, null);
      ByteArrayOutputStream out = new ByteArrayOutputStream(part10.length);
      list.write(out, transferSyntax, true, true);
      return out.toByteArray();
    } catch (IOException | DicomException | RuntimeException e) {
      throw new DicomFormatException("Cannot de-identify: " + e.getMessage(), e);
    }
  }

  private static void replaceUids(AttributeList list, Mac mac) throws DicomException {
    for (Map.Entry<AttributeTag, Attribute> entry : list.entrySet()) {
      Attribute attribute = entry.getValue();
      if (attribute instanceof SequenceAttribute sequence) {
        Iterator<SequenceItem> items = sequence.iterator();
        while (items.hasNext()) {
          replaceUids(items.next().getAttributeList(), mac);
        }
      } else if (attribute.getVRAsString().equals("UI")
          && !entry.getKey().isFileMetaInformationGroup()) {
        String[] values = attribute.getStringValues();
        if (values == null || values.length == 0) {
          continue;
        }
        attribute.removeValues();
        for (String value : values) {
          String uid = value.strip();
          attribute.addValue(
              uid.startsWith(STANDARD_UID_ROOT) || uid.isEmpty() ? uid : replacement(mac, uid));
        }
      }
    }
  }

  private static String replacement(Mac mac, String uid) {
    byte[] digest = mac.doFinal(uid.getBytes(StandardCharsets.US_ASCII));
    return "2.25." + new BigInteger(1, Arrays.copyOf(digest, 16));
  }

  private static Mac mac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static void put(AttributeList list, Attribute attribute, String value)
      throws DicomException {
    attribute.addValue(value);
    list.put(attribute);
  }
}

package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DimseStatus;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedLongAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import com.pixelmed.network.MessageServiceElementCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Encodes C-STORE-RSP command sets. PixelMed's own response message has no Error Comment, which is
 * how a failure tells the sender why.
 */
final class CommandSets {

  private static final int NO_DATA_SET = 0x0101;

  private CommandSets() {}

  static byte[] cStoreResponse(
      String sopClassUid, String sopInstanceUid, int messageId, DimseStatus status)
      throws DicomException, IOException {
    AttributeList list = new AttributeList();
    putUid(list, 0x0002, sopClassUid);
    putShort(list, 0x0100, MessageServiceElementCommand.C_STORE_RSP);
    putShort(list, 0x0120, messageId);
    putShort(list, 0x0800, NO_DATA_SET);
    putShort(list, 0x0900, status.code());
    if (status.errorComment().isPresent()) {
      LongStringAttribute comment = new LongStringAttribute(new AttributeTag(0x0000, 0x0902));
      comment.addValue(status.errorComment().get());
      list.put(comment);
    }
    putUid(list, 0x1000, sopInstanceUid);
    byte[] body = encode(list);
    UnsignedLongAttribute groupLength = new UnsignedLongAttribute(new AttributeTag(0x0000, 0x0000));
    groupLength.addValue(body.length);
    list.put(groupLength);
    return encode(list);
  }

  private static void putUid(AttributeList list, int element, String value) throws DicomException {
    UniqueIdentifierAttribute uid =
        new UniqueIdentifierAttribute(new AttributeTag(0x0000, element));
    uid.addValue(value);
    list.put(uid);
  }

  private static void putShort(AttributeList list, int element, int value) throws DicomException {
    UnsignedShortAttribute attribute =
        new UnsignedShortAttribute(new AttributeTag(0x0000, element));
    attribute.addValue(value);
    list.put(attribute);
  }

  private static byte[] encode(AttributeList list) throws DicomException, IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    DicomOutputStream out =
        new DicomOutputStream(bytes, null, TransferSyntax.ImplicitVRLittleEndian);
    list.write(out);
    out.close();
    return bytes.toByteArray();
  }
}

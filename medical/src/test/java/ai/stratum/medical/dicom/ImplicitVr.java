package ai.stratum.medical.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/** Re-encodes a file's data set the way a DIMSE peer sends it by default (Implicit VR LE). */
final class ImplicitVr {

  private ImplicitVr() {}

  static byte[] datasetOf(byte[] part10) {
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
      AttributeList list = new AttributeList();
      list.read(in);
      list.removeMetaInformationHeaderAttributes();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DicomOutputStream out =
          new DicomOutputStream(bytes, null, TransferSyntax.ImplicitVRLittleEndian);
      list.write(out);
      out.close();
      return bytes.toByteArray();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

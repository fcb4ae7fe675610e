package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomReader;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.TransferSyntaxes;
import ai.stratum.medical.dicom.UnsupportedTransferSyntaxException;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;

/** Reads with PixelMed, never decompressing: compressed pixel data is kept as received. */
public final class PixelMedReader implements DicomReader {

  private static final int PREAMBLE_AND_MAGIC = 132;

  @Override
  public DicomObject read(byte[] part10) {
    if (part10.length == 0) {
      throw new DicomFormatException("Empty part: not a DICOM object.");
    }
    boolean hasMagic =
        part10.length >= PREAMBLE_AND_MAGIC
            && part10[128] == 'D'
            && part10[129] == 'I'
            && part10[130] == 'C'
            && part10[131] == 'M';
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
      AttributeList list = newList();
      String declared = null;
      if (hasMagic || in.haveMetaHeader()) {
        list.readOnlyMetaInformationHeader(in);
        declared =
            Attribute.getSingleStringValueOrNull(list, Tags.of(DicomTags.TRANSFER_SYNTAX_UID));
        if (declared != null) {
          declared = declared.strip();
          if (!TransferSyntaxes.isAccepted(declared)) {
            throw new UnsupportedTransferSyntaxException(declared);
          }
        }
      }
      list.read(in);
      String transferSyntax =
          declared != null ? declared : in.getTransferSyntaxToReadDataSet().getUID();
      return PixelMedObject.parsed(list, transferSyntax);
    } catch (DicomFormatException e) {
      throw e;
    } catch (EOFException e) {
      throw new DicomFormatException(
          "Truncated DICOM object: the data ends inside an attribute.", e);
    } catch (IOException | DicomException | RuntimeException e) {
      throw new DicomFormatException("Not a readable DICOM object: " + describe(e), e);
    }
  }

  @Override
  public DicomObject readDataset(byte[] dataset, String transferSyntaxUid) {
    if (!TransferSyntaxes.isAccepted(transferSyntaxUid)) {
      throw new UnsupportedTransferSyntaxException(transferSyntaxUid);
    }
    try (DicomInputStream in =
        new DicomInputStream(new ByteArrayInputStream(dataset), transferSyntaxUid, false)) {
      AttributeList list = newList();
      list.read(in);
      return PixelMedObject.parsed(list, transferSyntaxUid);
    } catch (EOFException e) {
      throw new DicomFormatException("Truncated data set: the data ends inside an attribute.", e);
    } catch (IOException | DicomException | RuntimeException e) {
      throw new DicomFormatException("Not a readable DICOM data set: " + describe(e), e);
    }
  }

  private static AttributeList newList() {
    AttributeList list = new AttributeList();
    list.setDecompressPixelData(false);
    return list;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
  }
}

package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;
import ai.stratum.medical.dicom.TransferSyntaxes;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import tools.jackson.databind.node.ObjectNode;

/** A PixelMed attribute list in its canonical encoding (see {@link DicomObject#toPart10()}). */
final class PixelMedObject implements DicomObject {

  private static final long MAX_PRESIZE = 256L * 1024 * 1024;

  private final AttributeList list;
  private final String transferSyntaxUid;
  private final byte[] part10;

  private PixelMedObject(AttributeList list, String transferSyntaxUid, byte[] part10) {
    this.list = list;
    this.transferSyntaxUid = transferSyntaxUid;
    this.part10 = part10;
  }

  /**
   * Wraps a list read in {@code receivedTransferSyntax}: uncompressed data is re-encoded in
   * Explicit VR Little Endian, encapsulated pixel data stays in its syntax.
   */
  static PixelMedObject parsed(AttributeList list, String receivedTransferSyntax) {
    if (!TransferSyntaxes.isEncapsulated(receivedTransferSyntax)) {
      PixelDecoder.requireCompletePixelData(list);
    }
    String canonical =
        TransferSyntaxes.isEncapsulated(receivedTransferSyntax)
            ? receivedTransferSyntax
            : TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;
    return new PixelMedObject(list, canonical, encode(list, canonical));
  }

  private static byte[] encode(AttributeList list, String transferSyntax) {
    if (Attribute.getSingleStringValueOrNull(list, Tags.of(DicomTags.SOP_CLASS_UID)) == null
        || Attribute.getSingleStringValueOrNull(list, Tags.of(DicomTags.SOP_INSTANCE_UID))
            == null) {
      throw new DicomFormatException(
          "Not a DICOM composite instance: SOP Class UID or SOP Instance UID is missing.");
    }
    try {
      list.removeGroupLengthAttributes();
      list.removeMetaInformationHeaderAttributes();
      FileMetaInformation.addFileMetaInformation(list, transferSyntax, null);
      ByteArrayOutputStream out = new ByteArrayOutputStream(estimatedSize(list));
      list.write(out, transferSyntax, true, true);
      return out.toByteArray();
    } catch (IOException | DicomException | RuntimeException e) {
      throw new DicomFormatException(
          "The object cannot be encoded again: " + PixelMedReader.describe(e), e);
    }
  }

  private static int estimatedSize(AttributeList list) {
    Attribute pixels = list.getPixelData();
    long length = pixels == null ? 0 : pixels.getVL();
    // undefined length (encapsulated) reads as 0xFFFFFFFF: then just let the buffer grow
    return (int) (length > 0 && length < MAX_PRESIZE ? length + 8192 : 8192);
  }

  @Override
  public String transferSyntaxUid() {
    return transferSyntaxUid;
  }

  @Override
  public boolean contains(int tag) {
    return list.get(Tags.of(tag)) != null;
  }

  @Override
  public Optional<String> string(int tag) {
    String value = Attribute.getSingleStringValueOrNull(list, Tags.of(tag));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @Override
  public List<String> strings(int tag) {
    String[] values = Attribute.getStringValues(list, Tags.of(tag));
    if (values == null) {
      return List.of();
    }
    return Arrays.stream(values).map(v -> v == null ? "" : v.strip()).toList();
  }

  @Override
  public double[] doubles(int tag) {
    Attribute attribute = list.get(Tags.of(tag));
    if (attribute == null || attribute.getVM() == 0) {
      return new double[0];
    }
    try {
      return attribute.getDoubleValues();
    } catch (DicomException | RuntimeException e) {
      throw new DicomFormatException(
          "Attribute " + DicomTags.hex(tag) + " does not hold numbers.", e);
    }
  }

  @Override
  public OptionalDouble number(int tag) {
    double[] values = doubles(tag);
    return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(values[0]);
  }

  @Override
  public OptionalInt integer(int tag) {
    OptionalDouble value = number(tag);
    return value.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) value.getAsDouble());
  }

  @Override
  public boolean hasPixelData() {
    Attribute pixels = list.getPixelData();
    return pixels != null && pixels.getVL() != 0;
  }

  @Override
  public int numberOfFrames() {
    return Math.max(1, integer(DicomTags.NUMBER_OF_FRAMES).orElse(1));
  }

  @Override
  public PixelFrame frame(int index) {
    if (!hasPixelData()) {
      throw new DicomFormatException("The object has no pixel data.");
    }
    if (index < 0 || index >= numberOfFrames()) {
      throw new DicomFormatException(
          "Frame " + (index + 1) + " does not exist; the object has " + numberOfFrames() + ".");
    }
    AttributeList source =
        TransferSyntaxes.isEncapsulated(transferSyntaxUid) ? decompressed() : list;
    return PixelDecoder.frame(source, index, numberOfFrames());
  }

  private AttributeList decompressed() {
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
      AttributeList decompressed = new AttributeList();
      decompressed.setDecompressPixelData(true);
      decompressed.read(in);
      return decompressed;
    } catch (IOException | DicomException | RuntimeException e) {
      throw new DicomFormatException(
          "Pixel data in transfer syntax " + transferSyntaxUid + " cannot be decoded.", e);
    }
  }

  @Override
  public ObjectNode toJson(String bulkDataUri) {
    return DicomJson.toJson(list, bulkDataUri);
  }

  @Override
  public byte[] toPart10() {
    return part10.clone();
  }
}

package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomAttributes;
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
import com.pixelmed.dicom.SequenceAttribute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A PixelMed attribute list in its canonical encoding (see {@link DicomObject#toPart10()}). */
final class PixelMedObject extends PixelMedAttributes implements DicomObject {

  private static final long MAX_PRESIZE = 256L * 1024 * 1024;

  private final String transferSyntaxUid;
  private final byte[] part10;
  private @Nullable AttributeList decompressed;

  private PixelMedObject(AttributeList list, String transferSyntaxUid, byte[] part10) {
    super(list);
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
  public boolean hasPixelData() {
    Attribute pixels = list.getPixelData();
    return pixels != null && pixels.getVL() != 0;
  }

  @Override
  public Optional<DicomAttributes> functionalGroup(int frameIndex, int macroSequenceTag) {
    Optional<PixelMedAttributes> group =
        item(list, DicomTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, frameIndex)
            .flatMap(groups -> item(groups.list, macroSequenceTag, 0))
            .or(() ->
                item(list, DicomTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, 0)
                    .flatMap(groups -> item(groups.list, macroSequenceTag, 0)));
    return group.map(DicomAttributes.class::cast);
  }

  private static Optional<PixelMedAttributes> item(AttributeList in, int sequenceTag, int index) {
    if (in.get(Tags.of(sequenceTag)) instanceof SequenceAttribute sequence
        && index < sequence.getNumberOfItems()) {
      return Optional.of(new PixelMedAttributes(sequence.getItem(index).getAttributeList()));
    }
    return Optional.empty();
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

  /** Decoded once and kept: the frames of a multi-frame object are read one by one. */
  private synchronized AttributeList decompressed() {
    if (decompressed != null) {
      return decompressed;
    }
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
      AttributeList decoded = new AttributeList();
      decoded.setDecompressPixelData(true);
      decoded.read(in);
      decompressed = decoded;
      return decoded;
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

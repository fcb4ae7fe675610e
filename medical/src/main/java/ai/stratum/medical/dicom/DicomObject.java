package ai.stratum.medical.dicom;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** One parsed DICOM composite instance. */
public interface DicomObject extends DicomAttributes {

  /** The transfer syntax the object is stored in (see {@link #toPart10()}). */
  String transferSyntaxUid();

  boolean hasPixelData();

  /**
   * One functional group macro of a frame of an enhanced multi-frame image (e.g. {@link
   * DicomTags#PIXEL_VALUE_TRANSFORMATION_SEQUENCE}): its item in the frame's Per-frame Functional
   * Groups, else in the Shared Functional Groups; empty when neither holds it.
   *
   * @param frameIndex 0-based
   */
  Optional<DicomAttributes> functionalGroup(int frameIndex, int macroSequenceTag);

  int numberOfFrames();

  /**
   * Decodes one frame.
   *
   * @throws DicomFormatException when there is no such frame or its encoding cannot be decoded
   */
  PixelFrame frame(int index);

  /**
   * The object in the DICOM JSON model (PS3.18 F.2); binary values above a few hundred bytes (pixel
   * data among them) become {@code BulkDataURI}s under {@code bulkDataUri}.
   */
  ObjectNode toJson(String bulkDataUri);

  /**
   * The canonical Part 10 encoding: a file meta header that depends only on the object, then the
   * data set in Explicit VR Little Endian (or its compressed transfer syntax when the pixel data is
   * encapsulated). The same instance received twice, by any route, encodes to the same bytes.
   */
  byte[] toPart10();
}

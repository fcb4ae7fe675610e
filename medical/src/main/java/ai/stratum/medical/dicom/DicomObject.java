package ai.stratum.medical.dicom;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import tools.jackson.databind.node.ObjectNode;

/**
 * One parsed DICOM composite instance. Attribute accessors take a tag from {@link DicomTags}; they
 * never fail on absent or empty attributes, they return empty.
 */
public interface DicomObject {

  /** The transfer syntax the object is stored in (see {@link #toPart10()}). */
  String transferSyntaxUid();

  boolean contains(int tag);

  /** The first value, trimmed; empty when absent or blank. */
  Optional<String> string(int tag);

  /** All values (trimmed); empty when absent. */
  List<String> strings(int tag);

  /** Numeric values of a DS, FD, FL, IS, US, SS, UL or SL attribute; empty when absent. */
  double[] doubles(int tag);

  OptionalDouble number(int tag);

  OptionalInt integer(int tag);

  boolean hasPixelData();

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

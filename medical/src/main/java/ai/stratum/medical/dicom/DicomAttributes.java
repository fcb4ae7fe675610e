package ai.stratum.medical.dicom;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Read access to a DICOM data set or one item of a sequence. Accessors take a tag from {@link
 * DicomTags}; they never fail on absent or empty attributes, they return empty.
 */
public interface DicomAttributes {

  boolean contains(int tag);

  /** The first value, trimmed; empty when absent or blank. */
  Optional<String> string(int tag);

  /** All values (trimmed); empty when absent. */
  List<String> strings(int tag);

  /** Numeric values of a DS, FD, FL, IS, US, SS, UL or SL attribute; empty when absent. */
  double[] doubles(int tag);

  OptionalDouble number(int tag);

  OptionalInt integer(int tag);

  /** The items of a sequence attribute, in order; empty when absent or not a sequence. */
  List<DicomAttributes> sequence(int tag);
}

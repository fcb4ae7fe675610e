package ai.stratum.core.inference;

import java.util.Locale;

/** Element types a model input or output can have. */
public enum DataType {
  FLOAT32,
  FLOAT64,
  INT32,
  INT64;

  /** The lower-case name used in messages and signatures, e.g. {@code float32}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

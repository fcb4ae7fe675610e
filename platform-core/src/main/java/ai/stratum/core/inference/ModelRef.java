package ai.stratum.core.inference;

import java.util.Objects;
import java.util.regex.Pattern;

/** One version of one model, e.g. {@code fraud-mlp v3}. */
public record ModelRef(String name, int version) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  public ModelRef {
    requireValidName(name);
    if (version < 1) {
      throw new IllegalArgumentException("model version must be >= 1, got " + version);
    }
  }

  /**
   * Model names are lower-case letters, digits, '.', '_' and '-', so they fit URLs, metric tags and
   * Kafka keys.
   */
  public static String requireValidName(String name) {
    Objects.requireNonNull(name, "model name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name must be 1-100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit: '"
              + name
              + "'");
    }
    return name;
  }

  @Override
  public String toString() {
    return "'" + name + "' v" + version;
  }
}

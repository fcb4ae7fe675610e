package ai.stratum.core.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a hospital or bank. Every stored record and every event carries one; it comes
 * from the caller's credential, never from a request body. In JSON it is the bare string.
 */
public record TenantId(@JsonValue String value) {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public TenantId {
    Objects.requireNonNull(value, "tenant id");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "tenant id must be 1-63 lower-case letters, digits or '-', starting with a letter or digit: '"
              + value
              + "'");
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

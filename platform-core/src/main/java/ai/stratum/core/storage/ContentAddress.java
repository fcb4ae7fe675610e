package ai.stratum.core.storage;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** The SHA-256 of an object's bytes, as 64 lower-case hex digits. */
public record ContentAddress(String sha256) {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public ContentAddress {
    Objects.requireNonNull(sha256, "sha256");
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a sha256 hex digest: '" + sha256 + "'");
    }
  }

  public static ContentAddress of(byte[] digest) {
    return new ContentAddress(HexFormat.of().formatHex(digest));
  }

  @Override
  public String toString() {
    return "sha256:" + sha256;
  }
}

package ai.stratum.medical.report.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** DICOM UIDs under the UUID root 2.25 (PS3.5 B.2), which needs no registered organisation root. */
public final class Uids {

  private Uids() {}

  public static String random() {
    return of(UUID.randomUUID());
  }

  /** The same UID for the same name, every time. */
  public static String fromName(String name) {
    return of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  private static String of(UUID uuid) {
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, bytes.array());
  }
}

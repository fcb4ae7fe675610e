package ai.stratum.core.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over a canonical binary encoding of the previous hash and the
 * entry's fields. Every text field is written as its UTF-8 byte length followed by the bytes, so no
 * two different entries encode the same (moving a character from one field to the next changes the
 * encoding). The leading version tag lets a later encoding coexist with this one.
 */
public final class AuditHash {

  public static final String GENESIS = "0".repeat(64);
  private static final String VERSION = "stratum-audit-v1";

  private AuditHash() {}

  public static String of(
      String previousHash,
      long sequence,
      String tenant,
      String actor,
      String action,
      String target,
      String canonicalDetails,
      Instant time) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + canonicalDetails.length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeText(out, VERSION);
      writeText(out, previousHash);
      out.writeLong(sequence);
      writeText(out, tenant);
      writeText(out, actor);
      writeText(out, action);
      writeText(out, target);
      writeText(out, canonicalDetails);
      out.writeLong(time.getEpochSecond());
      out.writeInt(time.getNano());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
  }

  public static String of(ChainLink link) {
    return of(
        link.previousHash(),
        link.sequence(),
        link.tenant(),
        link.actor(),
        link.action(),
        link.target(),
        link.details(),
        link.time());
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}

package ai.stratum.gateway.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key token format {@code stratum_<id>.<secret>}: a public id to find the key by and 256
 * random bits of secret, base64url. The prefix lets secret scanners recognise leaked keys.
 */
final class ApiKeyTokens {

  static final String PREFIX = "stratum_";

  private static final Pattern TOKEN =
      Pattern.compile("stratum_([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  record Parsed(String id, String secret) {}

  private ApiKeyTokens() {}

  static String newId() {
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  static String newSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static String format(String id, String secret) {
    return PREFIX + id + "." + secret;
  }

  static Optional<Parsed> parse(String token) {
    Matcher matcher = TOKEN.matcher(token.strip());
    return matcher.matches()
        ? Optional.of(new Parsed(matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }

  static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Constant-time, so response times tell an attacker nothing about how close a guess was. */
  static boolean matches(String secret, byte[] storedHash) {
    return MessageDigest.isEqual(hash(secret), storedHash);
  }
}

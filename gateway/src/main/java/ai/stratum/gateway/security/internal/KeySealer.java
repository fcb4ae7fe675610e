package ai.stratum.gateway.security.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private signing keys with AES-256-GCM under a key derived from a configured secret
 * (PBKDF2-HMAC-SHA256), so a copy of the database alone does not let anyone mint tokens. The key id
 * is the associated data: a sealed key copied onto another row does not open.
 */
final class KeySealer {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  // a fixed salt: the secret is configuration, not a password shared between users
  private static final byte[] SALT =
      "stratum.gateway.signing-key.v1".getBytes(StandardCharsets.US_ASCII);
  private static final int ITERATIONS = 210_000;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  KeySealer(String secret) {
    try {
      byte[] derived =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(new PBEKeySpec(secret.toCharArray(), SALT, ITERATIONS, 256))
              .getEncoded();
      this.key = new SecretKeySpec(derived, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
    }
  }

  byte[] seal(byte[] plain, String kid) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv, kid, plain);
    return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
  }

  byte[] open(byte[] sealed, String kid) {
    ByteBuffer buffer = ByteBuffer.wrap(sealed);
    byte[] iv = new byte[IV_BYTES];
    buffer.get(iv);
    byte[] body = new byte[buffer.remaining()];
    buffer.get(body);
    return cipher(Cipher.DECRYPT_MODE, iv, kid, body);
  }

  private byte[] cipher(int mode, byte[] iv, String kid, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "signing key " + kid + " does not open with the configured key-encryption secret", e);
    }
  }
}

package ai.stratum.gateway.security.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local issuer's RS256 keys, kept in the gateway's {@code signing_key} table so that tokens
 * outlive a restart and every gateway instance signs and verifies with the same keys.
 *
 * <p>The newest key that is not retired signs. When it is older than the rotation period, the first
 * instance to notice makes a new one under an advisory lock and retires the old one; a retired key
 * keeps verifying for a token lifetime plus the cache period (another instance may sign with it
 * until it reloads), then it is deleted. Private keys are sealed with AES-GCM when a secret is
 * configured. No key material is ever logged.
 */
public final class SigningKeys implements JWKSource<SecurityContext> {

  /** How long an instance trusts its copy of the table before reading it again. */
  static final Duration CACHE_PERIOD = Duration.ofMinutes(1);

  /** {@code pg_advisory_xact_lock} key that serialises rotations across instances. */
  private static final long ROTATION_LOCK = 0x5354_5241_4a57_4b31L;

  private record StoredKey(RSAKey jwk, Instant createdAt, @Nullable Instant retiredAt) {}

  private record Snapshot(List<StoredKey> keys, Instant loadedAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Duration rotation;
  private final Duration verifyAfterRetirement;
  private final @Nullable KeySealer sealer;
  private final Clock clock;
  private volatile @Nullable Snapshot snapshot;

  public SigningKeys(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Duration rotation,
      Duration tokenLifetime,
      @Nullable String keyEncryptionSecret,
      Clock clock) {
    if (rotation.compareTo(tokenLifetime) <= 0) {
      throw new IllegalArgumentException(
          "the signing key rotation period must be longer than the token lifetime");
    }
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.rotation = rotation;
    this.verifyAfterRetirement = tokenLifetime.plus(CACHE_PERIOD);
    this.sealer =
        keyEncryptionSecret == null || keyEncryptionSecret.isBlank()
            ? null
            : new KeySealer(keyEncryptionSecret);
    this.clock = clock;
  }

  /** The key that signs now (with its private part); makes the first or the next one if due. */
  public RSAKey signingKey() {
    Instant now = clock.instant();
    RSAKey current = active(snapshot(now), now);
    if (current != null) {
      return current;
    }
    current = transactions.execute(status -> rotateIfDue(clock.instant()));
    snapshot = load(clock.instant());
    return current;
  }

  /** The public keys that verify tokens now, for {@code /oauth2/jwks}. */
  public Map<String, Object> publicJwkSet() {
    List<JWK> keys =
        snapshot(clock.instant()).keys().stream()
            .map(key -> (JWK) key.jwk().toPublicJWK())
            .toList();
    return new JWKSet(keys).toJSONObject(true);
  }

  /**
   * Keys for the encoder and the decoder; a key id this instance has not seen yet (another instance
   * rotated) makes it read the table again.
   */
  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    Instant now = clock.instant();
    List<JWK> found = selector.select(jwkSet(snapshot(now)));
    if (found.isEmpty()) {
      Snapshot reloaded = load(now);
      snapshot = reloaded;
      found = selector.select(jwkSet(reloaded));
    }
    return found;
  }

  private Snapshot snapshot(Instant now) {
    Snapshot current = snapshot;
    if (current == null || current.loadedAt().plus(CACHE_PERIOD).isBefore(now)) {
      current = load(now);
      snapshot = current;
    }
    return current;
  }

  private @Nullable RSAKey active(Snapshot keys, Instant now) {
    return keys.keys().stream()
        .filter(key -> key.retiredAt() == null)
        .findFirst()
        .filter(key -> key.createdAt().plus(rotation).isAfter(now))
        .map(StoredKey::jwk)
        .orElse(null);
  }

  private RSAKey rotateIfDue(Instant now) {
    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query(Object.class).single();
    // another instance may have rotated while this one waited for the lock
    RSAKey current = active(load(now), now);
    if (current != null) {
      return current;
    }
    RSAKey created = newKey();
    OffsetDateTime at =
        OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    jdbc.sql("UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL").param(at).update();
    jdbc.sql("DELETE FROM signing_key WHERE retired_at < ?")
        .param(at.minus(verifyAfterRetirement))
        .update();
    try {
      byte[] privateKey = created.toRSAPrivateKey().getEncoded();
      jdbc.sql(
              "INSERT INTO signing_key (kid, algorithm, public_key, private_key, key_sealed,"
                  + " created_at) VALUES (?, 'RS256', ?, ?, ?, ?)")
          .params(
              created.getKeyID(),
              created.toRSAPublicKey().getEncoded(),
              sealer == null ? privateKey : sealer.seal(privateKey, created.getKeyID()),
              sealer != null,
              at)
          .update();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("a new RSA key has both halves", e);
    }
    return created;
  }

  private Snapshot load(Instant now) {
    OffsetDateTime oldestRetirement =
        OffsetDateTime.ofInstant(now.minus(verifyAfterRetirement), ZoneOffset.UTC);
    List<StoredKey> keys =
        jdbc.sql(
                "SELECT kid, public_key, private_key, key_sealed, created_at, retired_at"
                    + " FROM signing_key WHERE retired_at IS NULL OR retired_at > ?"
                    + " ORDER BY created_at DESC, kid")
            .param(oldestRetirement)
            .query((row, n) -> {
              String kid = row.getString("kid");
              byte[] privateKey = row.getBytes("private_key");
              if (row.getBoolean("key_sealed")) {
                if (sealer == null) {
                  throw new IllegalStateException(
                      "signing key "
                          + kid
                          + " is sealed; set stratum.gateway.security.jwt.key-encryption-secret");
                }
                privateKey = sealer.open(privateKey, kid);
              }
              OffsetDateTime retired = row.getObject("retired_at", OffsetDateTime.class);
              return new StoredKey(
                  jwk(kid, row.getBytes("public_key"), privateKey),
                  row.getObject("created_at", OffsetDateTime.class).toInstant(),
                  retired == null ? null : retired.toInstant());
            })
            .list();
    return new Snapshot(keys, now);
  }

  private static JWKSet jwkSet(Snapshot snapshot) {
    return new JWKSet(snapshot.keys().stream().map(key -> (JWK) key.jwk()).toList());
  }

  private static RSAKey jwk(String kid, byte[] publicKey, byte[] privateKey) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return rsaKey(
          kid,
          (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicKey)),
          (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing key " + kid + " is not a readable RSA key", e);
    }
  }

  private static RSAKey newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return rsaKey(
          UUID.randomUUID().toString(),
          (RSAPublicKey) pair.getPublic(),
          (RSAPrivateKey) pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has RSA", e);
    }
  }

  private static RSAKey rsaKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
    return new RSAKey.Builder(publicKey)
        .privateKey(privateKey)
        .keyID(kid)
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.RS256)
        .build();
  }
}

package ai.stratum.gateway.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CredentialType;
import ai.stratum.gateway.identity.Role;
import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.SharedInfrastructure;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing keys on a real PostgreSQL, each test in a schema of its own (migrated with the gateway's
 * Flyway scripts) so that moving the clock here does not disturb the gateways of other tests.
 */
@RealInfrastructure
class SigningKeysTest {

  private static final Duration ROTATION = Duration.ofHours(1);
  private static final Duration LIFETIME = Duration.ofMinutes(15);
  private static final String SECRET = "a key-encryption secret for tests";
  private static final Caller CALLER =
      new Caller(
          "api-key:k1", TenantId.of("demo-bank"), Set.of(Role.ANALYST), CredentialType.API_KEY);

  private JdbcClient jdbc;
  private TransactionTemplate transactions;
  private final MutableClock clock = new MutableClock(Instant.now());

  @BeforeEach
  void ownSchema() {
    SharedInfrastructure infrastructure = SharedInfrastructure.get();
    String schema =
        "signing_keys_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            infrastructure.jdbcUrl(), infrastructure.username(), infrastructure.password());
    dataSource.setSchema(schema);
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .locations("classpath:db/migration/gateway")
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Test
  void twoInstancesSignWithTheSameKeyAndANewInstanceVerifiesOldTokens() {
    SigningKeys first = keys(null);
    String token = issuer(first).issue(CALLER).accessToken();

    SigningKeys restarted = keys(null);

    assertThat(restarted.signingKey().getKeyID()).isEqualTo(first.signingKey().getKeyID());
    assertThat(decoder(restarted).decode(token).getClaimAsString("tenant")).isEqualTo("demo-bank");
  }

  @Test
  void rotatesAfterThePeriodAndAcceptsThePreviousKeyUntilItsTokensExpire() {
    SigningKeys keys = keys(null);
    String before = issuer(keys).issue(CALLER).accessToken();
    String firstKey = keys.signingKey().getKeyID();

    clock.advance(ROTATION.plusMinutes(1));
    String secondKey = keys.signingKey().getKeyID();
    JwtDecoder decoder = decoder(keys(null));

    assertThat(secondKey).isNotEqualTo(firstKey);
    assertThat(decoder.decode(before).getSubject()).isEqualTo("api-key:k1");
    assertThat(kids(keys.publicJwkSet())).containsExactlyInAnyOrder(firstKey, secondKey);

    clock.advance(LIFETIME.plus(SigningKeys.CACHE_PERIOD).plusMinutes(1));

    assertThat(kids(keys.publicJwkSet())).containsExactly(secondKey);
    assertThatThrownBy(() -> decoder(keys(null)).decode(before))
        .isInstanceOf(BadJwtException.class);
  }

  @Test
  void sealedPrivateKeysOpenOnlyWithTheSecretAndAreNotStoredInTheClear() {
    String kid = keys(SECRET).signingKey().getKeyID();
    byte[] stored =
        jdbc.sql("SELECT private_key FROM signing_key WHERE kid = ?")
            .param(kid)
            .query(byte[].class)
            .single();

    assertThat(keys(SECRET).signingKey().getKeyID()).isEqualTo(kid);
    assertThatThrownBy(
            () -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored)))
        .isInstanceOf(java.security.spec.InvalidKeySpecException.class);
    assertThatThrownBy(() -> keys(null).signingKey())
        .hasMessageContaining("stratum.gateway.security.jwt.key-encryption-secret");
    assertThatThrownBy(() -> keys("another secret entirely").signingKey())
        .hasMessageContaining("does not open");
  }

  private SigningKeys keys(String secret) {
    return new SigningKeys(jdbc, transactions, ROTATION, LIFETIME, secret, clock);
  }

  private LocalTokenIssuer issuer(SigningKeys keys) {
    return new LocalTokenIssuer("urn:stratum:gateway", LIFETIME, keys, clock);
  }

  /** Checks signatures only: the moved clock is not the one the expiry validator reads. */
  private static JwtDecoder decoder(SigningKeys keys) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
    decoder.setJwtValidator(
        jwt -> org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success());
    return decoder;
  }

  @SuppressWarnings("unchecked")
  private static List<String> kids(Map<String, Object> jwkSet) {
    return ((List<Map<String, Object>>) jwkSet.get("keys"))
        .stream().map(key -> (String) key.get("kid")).toList();
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

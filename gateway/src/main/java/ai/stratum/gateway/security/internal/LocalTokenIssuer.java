package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Role;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The gateway as its own token issuer: an RS256 key pair made at start-up, tokens that carry the
 * caller's tenant and roles. Tokens do not outlive the process; deployments that need that use an
 * external issuer.
 */
public final class LocalTokenIssuer {

  /** What a client gets for its API key. */
  public record IssuedToken(String accessToken, Duration lifetime) {}

  private final String issuer;
  private final Duration lifetime;
  private final RSAPublicKey publicKey;
  private final String keyId = UUID.randomUUID().toString();
  private final JwtEncoder encoder;
  private final Clock clock = Clock.systemUTC();

  public LocalTokenIssuer(String issuer, Duration lifetime) {
    this.issuer = issuer;
    this.lifetime = lifetime;
    KeyPair pair = rsaKeyPair();
    this.publicKey = (RSAPublicKey) pair.getPublic();
    this.encoder =
        NimbusJwtEncoder.withKeyPair(publicKey, (RSAPrivateKey) pair.getPrivate())
            .jwkPostProcessor(jwk -> jwk.keyID(keyId))
            .build();
  }

  public IssuedToken issue(Caller caller) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(issuer)
            .subject(caller.subject())
            .issuedAt(now)
            .expiresAt(now.plus(lifetime))
            .id(UUID.randomUUID().toString())
            .claim(JwtCallerConverter.TENANT_CLAIM, caller.tenant().value())
            .claim(
                JwtCallerConverter.ROLES_CLAIM,
                caller.roles().stream().map(Role::name).sorted().toList())
            .build();
    JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
    String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    return new IssuedToken(token, lifetime);
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public key as a JWK set, for verifiers elsewhere. */
  public Map<String, Object> jwkSet() {
    return new JWKSet(new RSAKey.Builder(publicKey).keyID(keyId).build()).toJSONObject(true);
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has RSA", e);
    }
  }
}

package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Role;
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
 * The gateway as its own token issuer: RS256 tokens that carry the caller's tenant and roles,
 * signed with the current key of {@link SigningKeys} (kept in the database, so tokens survive a
 * restart and every gateway instance accepts them).
 */
public final class LocalTokenIssuer {

  /** What a client gets for its API key. */
  public record IssuedToken(String accessToken, Duration lifetime) {}

  private final String issuer;
  private final Duration lifetime;
  private final SigningKeys keys;
  private final JwtEncoder encoder;
  private final Clock clock;

  public LocalTokenIssuer(String issuer, Duration lifetime, SigningKeys keys, Clock clock) {
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.keys = keys;
    this.encoder = new NimbusJwtEncoder(keys);
    this.clock = clock;
  }

  public IssuedToken issue(Caller caller) {
    String keyId = keys.signingKey().getKeyID();
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

  /** The public keys as a JWK set, for verifiers elsewhere. */
  public Map<String, Object> jwkSet() {
    return keys.publicJwkSet();
  }
}

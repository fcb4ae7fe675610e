package ai.stratum.gateway.security;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwt bearer tokens
 */
@ConfigurationProperties("stratum.gateway.security")
record GatewaySecurityProperties(@DefaultValue Jwt jwt) {

  /**
   * By default the gateway is its own issuer: an API key buys a short-lived token at {@code POST
   * /api/gateway/token}, signed with a key pair made at start-up (tokens do not survive a restart),
   * public key at {@code /oauth2/jwks}. With {@code jwk-set-uri} the gateway accepts tokens of an
   * external issuer instead; they carry the claims {@code tenant} and {@code roles}.
   *
   * @param issuer the {@code iss} of tokens the gateway issues and accepts
   * @param tokenLifetime how long an issued token is valid; a revoked API key's tokens live on for
   *     at most this long
   * @param jwkSetUri the JWK set of an external issuer
   */
  record Jwt(
      @DefaultValue("urn:stratum:gateway") String issuer,
      @DefaultValue("15m") Duration tokenLifetime,
      @Nullable URI jwkSetUri) {}
}

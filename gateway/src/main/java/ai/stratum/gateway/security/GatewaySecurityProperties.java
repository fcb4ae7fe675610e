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
   * /api/gateway/token}, signed with an RS256 key kept in the gateway's database (tokens survive a
   * restart and every instance accepts them), public keys at {@code /oauth2/jwks}. With {@code
   * jwk-set-uri} the gateway accepts tokens of an external issuer instead; they carry the claims
   * {@code tenant} and {@code roles}.
   *
   * @param issuer the {@code iss} of tokens the gateway issues and accepts
   * @param tokenLifetime how long an issued token is valid; a revoked API key's tokens live on for
   *     at most this long
   * @param jwkSetUri the JWK set of an external issuer
   * @param signingKeyRotation how long a signing key signs before a new one replaces it; the old
   *     one verifies until its last token has expired
   * @param keyEncryptionSecret when set, private signing keys are stored sealed (AES-GCM) under a
   *     key derived from it; keys sealed once can only be read with it
   */
  record Jwt(
      @DefaultValue("urn:stratum:gateway") String issuer,
      @DefaultValue("15m") Duration tokenLifetime,
      @Nullable URI jwkSetUri,
      @DefaultValue("30d") Duration signingKeyRotation,
      @Nullable String keyEncryptionSecret) {

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
      return "Jwt[issuer=%s, tokenLifetime=%s, jwkSetUri=%s, signingKeyRotation=%s, sealed=%s]"
          .formatted(
              issuer, tokenLifetime, jwkSetUri, signingKeyRotation, keyEncryptionSecret != null);
    }
  }
}

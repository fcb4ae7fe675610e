package ai.stratum.gateway.security;

import ai.stratum.core.web.NotFoundException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.identity.CredentialType;
import ai.stratum.gateway.security.internal.LocalTokenIssuer;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local token issuer: an API key buys a short-lived bearer token with the key's tenant and
 * roles ({@code POST /api/gateway/token}); verifiers fetch the public key at {@code /oauth2/jwks}.
 */
@RestController
class TokenController {

  /** The OAuth 2.0 token response shape (RFC 6749 section 5.1). */
  record TokenResponse(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {}

  private final LocalTokenIssuer issuer;
  private final boolean externalIssuer;

  TokenController(LocalTokenIssuer issuer, GatewaySecurityProperties properties) {
    this.issuer = issuer;
    this.externalIssuer = properties.jwt().jwkSetUri() != null;
  }

  @PostMapping("/api/gateway/token")
  TokenResponse token() {
    if (externalIssuer) {
      throw new NotFoundException("This gateway accepts the tokens of an external issuer only.");
    }
    Caller caller = Callers.require();
    if (caller.credential() != CredentialType.API_KEY) {
      throw new ForbiddenException("Tokens are issued for API keys only.");
    }
    LocalTokenIssuer.IssuedToken token = issuer.issue(caller);
    return new TokenResponse(token.accessToken(), "Bearer", token.lifetime().toSeconds());
  }

  @GetMapping("/oauth2/jwks")
  Map<String, Object> jwks() {
    if (externalIssuer) {
      throw new NotFoundException("This gateway accepts the tokens of an external issuer only.");
    }
    return issuer.jwkSet();
  }
}

package ai.stratum.gateway.security;

/**
 * A new API key and its secret token, which is shown this once: the gateway keeps only its hash.
 *
 * @param token what the client sends in the {@code X-Api-Key} header
 */
public record IssuedApiKey(ApiKey key, String token) {}

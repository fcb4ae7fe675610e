package ai.stratum.gateway.identity;

/** How a caller proved who it is. */
public enum CredentialType {
  API_KEY,
  BEARER_TOKEN,
  CONSOLE_SESSION
}

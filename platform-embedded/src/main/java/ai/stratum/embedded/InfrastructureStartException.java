package ai.stratum.embedded;

/**
 * The embedded PostgreSQL server or Kafka broker could not start. The message is one line that says
 * what failed and what to change (a port, a directory), so a command line can print it as is.
 */
public class InfrastructureStartException extends RuntimeException {

  public InfrastructureStartException(String message) {
    super(message);
  }

  public InfrastructureStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

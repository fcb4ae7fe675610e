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

  /** The message of {@code e} on one line, for embedding a library's failure in ours. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}

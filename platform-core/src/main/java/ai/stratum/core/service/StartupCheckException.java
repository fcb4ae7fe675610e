package ai.stratum.core.service;

/**
 * A start-up check found the environment unusable; the message is the one line an operator needs:
 * the cause and the setting to change.
 */
public class StartupCheckException extends RuntimeException {

  public StartupCheckException(String message, Throwable cause) {
    super(message, cause);
  }
}

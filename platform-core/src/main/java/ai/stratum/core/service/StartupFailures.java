package ai.stratum.core.service;

import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import org.springframework.boot.web.server.PortInUseException;

/** Turns a start-up failure into one line that names the cause and the setting to change. */
public final class StartupFailures {

  private StartupFailures() {}

  public static String describe(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupCheckException check) {
        return check.getMessage();
      }
      if (cause instanceof PortInUseException portInUse) {
        return "port "
            + portInUse.getPort()
            + " is already in use; choose a free one with server.port (env SERVER_PORT)";
      }
      if (cause instanceof AccessDeniedException denied) {
        return "cannot write to "
            + denied.getFile()
            + "; give this user write access or choose another directory";
      }
      if (cause instanceof SQLException sql && isConnectionFailure(sql)) {
        return "PostgreSQL is unreachable ("
            + firstLine(sql.getMessage())
            + "); set spring.datasource.url (env SPRING_DATASOURCE_URL) to a running server";
      }
    }
    Throwable root = rootCause(failure);
    return root.getClass().getSimpleName() + ": " + firstLine(String.valueOf(root.getMessage()));
  }

  private static boolean isConnectionFailure(SQLException sql) {
    String state = sql.getSQLState();
    return (state != null && state.startsWith("08")) || sql.getCause() instanceof ConnectException;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

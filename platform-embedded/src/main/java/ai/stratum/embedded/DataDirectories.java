package ai.stratum.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates a server's data directory and proves it is writable before the server touches it. */
final class DataDirectories {

  /** The standalone flag that moves every data directory. */
  static final String SETTING = "--data-dir";

  private DataDirectories() {}

  static Path prepare(Path directory, String server) {
    Path absolute = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
      Files.delete(Files.createTempFile(absolute, ".write-check", ".tmp"));
      return absolute;
    } catch (IOException | SecurityException e) {
      throw new InfrastructureStartException(
          "%s data directory %s is not writable (%s): choose a writable directory with %s"
              .formatted(server, absolute, describe(e), SETTING),
          e);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}

package ai.stratum.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a helper program (pg_ctl, renice) to completion and says why it failed, if it did. */
final class ExternalCommand {

  private ExternalCommand() {}

  /**
   * Runs {@code command} with its error output merged into its output.
   *
   * @return empty when it exited with 0 within {@code timeoutSeconds}; otherwise what went wrong
   *     (its output, or why it could not run), for a log line
   */
  static Optional<String> run(List<String> command, long timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return Optional.empty();
      }
      process.destroyForcibly();
      return Optional.of(output.strip());
    } catch (IOException e) {
      return Optional.of("could not run: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}

package ai.stratum.medical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Debian DICOM tools the tests check against (DCMTK, dicom3tools) and keeps their output.
 */
public final class DicomTools {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** A finished tool: its exit code and its standard output and error, interleaved. */
  public record Run(int exitCode, String output) {}

  private DicomTools() {}

  /** Runs {@code command} and asserts that it ends within five minutes. */
  public static Run run(String... command) throws Exception {
    return run(DEFAULT_TIMEOUT, command);
  }

  /** Runs {@code command} and asserts that it ends within {@code timeout}. */
  public static Run run(Duration timeout, String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}

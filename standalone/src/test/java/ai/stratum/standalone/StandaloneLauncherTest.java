package ai.stratum.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneLauncherTest {

  @TempDir Path temp;

  @Test
  void refusesAPortInUseNamingTheFlagToChange() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      StandaloneOptions options =
          StandaloneOptions.parse(
              "--data-dir",
              temp.toString(),
              "--medical-port",
              String.valueOf(taken.getLocalPort()));

      assertThatThrownBy(() -> StandalonePlatform.start(options))
          .satisfies(failure ->
              assertThat(StandaloneLauncher.describe(failure))
                  .isEqualTo(
                      "port "
                          + taken.getLocalPort()
                          + " is already in use; choose a free one with --medical-port"));
    }
  }

  @Test
  void refusesAnUnwritableDataDirectoryNamingTheFlagToChange() throws IOException {
    Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
    StandaloneOptions options =
        StandaloneOptions.parse("--data-dir", notADirectory.resolve("data").toString());

    assertThatThrownBy(() -> StandalonePlatform.start(options))
        .satisfies(failure ->
            assertThat(StandaloneLauncher.describe(failure))
                .startsWith("data directory " + notADirectory.resolve("data"))
                .endsWith("choose another with --data-dir"));
  }

  @Test
  void rejectsUnknownOptionsWithUsage() {
    assertThatThrownBy(() -> StandaloneOptions.parse("--colour", "blue"))
        .hasMessageStartingWith("unknown option --colour")
        .hasMessageContaining("--data-dir DIR");
  }

  @Test
  void exitsNonZeroWithOneLineOnStartupFailure() throws Exception {
    Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
    Process launcher =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneLauncher.class.getName(),
                "--data-dir",
                notADirectory.resolve("data").toString())
            .redirectErrorStream(false)
            .start();

    assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).isEqualTo(1);
    assertThat(new String(launcher.getErrorStream().readAllBytes()).strip())
        .startsWith("stratum: data directory")
        .doesNotContain("\n");
  }
}

package ai.stratum.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Start failures every embedded server reports the same way: one line naming what to change. */
class ServerStartFailuresTest {

  /** Starts one kind of server on a data directory and port (0 for any free port). */
  @FunctionalInterface
  interface Starter {
    AutoCloseable start(Path dataDirectory, int port);
  }

  static Stream<Arguments> servers() {
    Starter postgres =
        (directory, port) ->
            PostgresServer.builder().dataDirectory(directory).port(port).build().start();
    Starter kafka =
        (directory, port) ->
            KafkaBroker.builder().dataDirectory(directory).port(port).build().start();
    return Stream.of(
        Arguments.of("PostgreSQL", "--postgres-port", postgres),
        Arguments.of("Kafka", "--kafka-port", kafka));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void refusesAPortInUseNamingThePortAndTheSettingToChange(
      String server, String portSetting, Starter starter, @TempDir Path directory)
      throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> starter.start(directory, taken.getLocalPort()))
          .isInstanceOf(InfrastructureStartException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining(portSetting);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void refusesAnUnwritableDataDirectoryNamingIt(
      String server, String portSetting, Starter starter, @TempDir Path directory)
      throws IOException {
    // A path below a regular file can never be created, whoever runs the test (even root).
    Path blocker = Files.createFile(directory.resolve("a-file"));
    Path unwritable = blocker.resolve("server");

    assertThatThrownBy(() -> starter.start(unwritable, 0))
        .isInstanceOf(InfrastructureStartException.class)
        .hasMessageContaining(unwritable.toString());
  }
}

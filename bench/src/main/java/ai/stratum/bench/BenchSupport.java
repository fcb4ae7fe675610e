package ai.stratum.bench;

import ai.stratum.embedded.KafkaBroker;
import ai.stratum.embedded.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the benchmarks share: their options, the service they start, their scratch directory. */
public final class BenchSupport {

  private BenchSupport() {}

  /** The whole-number value after {@code name} in {@code arguments}, or {@code fallback}. */
  public static int intOption(List<String> arguments, String name, int fallback) {
    int index = arguments.indexOf(name);
    return index >= 0 && index + 1 < arguments.size()
        ? Integer.parseInt(arguments.get(index + 1))
        : fallback;
  }

  /**
   * Arguments that point a service at the benchmark's own embedded servers and content store, on a
   * free HTTP port, logging only warnings (the benchmark prints the figures).
   */
  public static List<String> serviceArguments(
      PostgresServer postgres, KafkaBroker kafka, Path storage) {
    return List.of(
        "--server.port=0",
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + postgres.username(),
        "--spring.datasource.password=" + postgres.password(),
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--stratum.core.storage.root=" + storage,
        "--logging.level.root=WARN");
  }

  /** Deletes a scratch directory and everything below it; nothing happens if it is gone. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

package ai.stratum.test;

import ai.stratum.embedded.KafkaBroker;
import ai.stratum.embedded.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default: the embedded servers of platform-embedded in a temporary directory, free ports. */
final class EmbeddedInfrastructure implements Infrastructure {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

  private final Path directory;
  private final PostgresServer postgres;
  private final KafkaBroker kafka;

  private EmbeddedInfrastructure(Path directory, PostgresServer postgres, KafkaBroker kafka) {
    this.directory = directory;
    this.postgres = postgres;
    this.kafka = kafka;
  }

  static EmbeddedInfrastructure start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("stratum-test-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the test servers", e);
    }
    // SharedInfrastructure's own hook stops both, then deletes the directory.
    PostgresServer postgres =
        PostgresServer.builder()
            .dataDirectory(directory.resolve("postgres"))
            .stopOnJvmExit(false)
            .build();
    KafkaBroker kafka =
        KafkaBroker.builder()
            .dataDirectory(directory.resolve("kafka"))
            .stopOnJvmExit(false)
            .build();
    // Kafka starts in this JVM while PostgreSQL boots in its own processes.
    CompletableFuture<Void> postgresStarted =
        CompletableFuture.runAsync(
            postgres::start, task -> Thread.ofPlatform().name("postgres-start").start(task));
    try {
      kafka.start();
      postgresStarted.join();
    } catch (CompletionException e) {
      stopAndDelete(directory, postgres, kafka);
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } catch (RuntimeException e) {
      stopAndDelete(directory, postgres, kafka);
      throw e;
    }
    return new EmbeddedInfrastructure(directory, postgres, kafka);
  }

  @Override
  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  @Override
  public String username() {
    return postgres.username();
  }

  @Override
  public String password() {
    return postgres.password();
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public void close() {
    stopAndDelete(directory, postgres, kafka);
  }

  private static void stopAndDelete(Path directory, PostgresServer postgres, KafkaBroker kafka) {
    kafka.close();
    postgres.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not delete test server directory {}: {}", directory, e.toString());
    }
  }
}

package ai.stratum.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts PostgreSQL and Kafka on a data directory, prints one {@code READY postgres=<jdbc url>
 * kafka=<bootstrap servers>} line and runs until the JVM is stopped (the servers' shutdown hooks
 * stop them). Used to prove durability across a SIGKILL of the whole JVM.
 *
 * <p>Arguments: {@code <data-dir> <postgres-port> <kafka-port>} (0 picks free ports); PostgreSQL
 * keeps its cluster in {@code <data-dir>/postgres}, Kafka its logs in {@code <data-dir>/kafka}.
 */
final class EmbeddedInfrastructureMain {

  private EmbeddedInfrastructureMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println(
          "usage: EmbeddedInfrastructureMain <data-dir> <postgres-port> <kafka-port>");
      System.exit(2);
    }
    Path dataDirectory = Path.of(args[0]);
    PostgresServer postgres;
    KafkaBroker kafka;
    try {
      postgres =
          PostgresServer.builder()
              .dataDirectory(dataDirectory.resolve("postgres"))
              .port(Integer.parseInt(args[1]))
              .build()
              .start();
      kafka =
          KafkaBroker.builder()
              .dataDirectory(dataDirectory.resolve("kafka"))
              .port(Integer.parseInt(args[2]))
              .build()
              .start();
    } catch (InfrastructureStartException e) {
      System.out.println("FAILED " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(
        "READY postgres=" + postgres.jdbcUrl() + " kafka=" + kafka.bootstrapServers());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}

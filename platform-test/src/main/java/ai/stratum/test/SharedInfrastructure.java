package ai.stratum.test;

import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server and Kafka broker shared by every test of a JVM: started by the first {@link
 * #get()} (or the first {@link RealInfrastructure} class), stopped by a JVM shutdown hook.
 *
 * <p>By default both are the embedded servers of platform-embedded, in a temporary directory on
 * free ports. With the system property or environment variable {@value #MODE_PROPERTY} (or {@code
 * STRATUM_TEST_INFRASTRUCTURE}) set to {@code testcontainers}, they are Docker containers instead
 * ({@code postgres:18}, {@code apache/kafka:4.2.1}); tests are aborted if no Docker engine answers.
 *
 * <p>Tests share one database and one cluster, so each test should use its own tables or schema and
 * its own topic names and consumer groups.
 */
public final class SharedInfrastructure {

  /** Chooses {@code embedded} (the default) or {@code testcontainers}. */
  public static final String MODE_PROPERTY = "stratum.test.infrastructure";

  private static @Nullable SharedInfrastructure instance;
  private static @Nullable RuntimeException startFailure;

  private final Infrastructure infrastructure;
  private final DataSource dataSource;

  private SharedInfrastructure(Infrastructure infrastructure) {
    this.infrastructure = infrastructure;
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(infrastructure.jdbcUrl());
    pg.setUser(infrastructure.username());
    pg.setPassword(infrastructure.password());
    this.dataSource = pg;
  }

  /**
   * The running infrastructure, started on the first call.
   *
   * @throws RuntimeException the start failure, again on every call, so a broken start fails every
   *     test class fast instead of retrying
   */
  public static synchronized SharedInfrastructure get() {
    if (startFailure != null) {
      throw startFailure;
    }
    if (instance == null) {
      try {
        instance = start();
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
    return instance;
  }

  /** The JDBC URL of the shared database. */
  public String jdbcUrl() {
    return infrastructure.jdbcUrl();
  }

  public String username() {
    return infrastructure.username();
  }

  public String password() {
    return infrastructure.password();
  }

  /** An unpooled data source for the shared database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The {@code bootstrap.servers} value of the shared Kafka cluster. */
  public String kafkaBootstrapServers() {
    return infrastructure.kafkaBootstrapServers();
  }

  private static SharedInfrastructure start() {
    BrokerLogLevels.quiet();
    Infrastructure infrastructure =
        switch (mode()) {
          case "embedded" -> EmbeddedInfrastructure.start();
          case "testcontainers" -> startContainers();
          default ->
              throw new IllegalStateException(
                  MODE_PROPERTY + " must be 'embedded' or 'testcontainers', was '" + mode() + "'");
        };
    Runtime.getRuntime()
        .addShutdownHook(new Thread(infrastructure::close, "stratum-test-infrastructure-stop"));
    SharedInfrastructure shared = new SharedInfrastructure(infrastructure);
    System.setProperty("spring.datasource.url", shared.jdbcUrl());
    System.setProperty("spring.datasource.username", shared.username());
    System.setProperty("spring.datasource.password", shared.password());
    System.setProperty("spring.kafka.bootstrap-servers", shared.kafkaBootstrapServers());
    return shared;
  }

  private static String mode() {
    String mode = System.getProperty(MODE_PROPERTY);
    if (mode == null) {
      mode = System.getenv("STRATUM_TEST_INFRASTRUCTURE");
    }
    if (mode == null) {
      mode = System.getenv(MODE_PROPERTY);
    }
    return mode == null ? "embedded" : mode.strip().toLowerCase(Locale.ROOT);
  }

  private static Infrastructure startContainers() {
    try {
      Class.forName("org.testcontainers.postgresql.PostgreSQLContainer");
      Class.forName("org.testcontainers.kafka.KafkaContainer");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          MODE_PROPERTY
              + "=testcontainers needs org.testcontainers:testcontainers-postgresql and"
              + " testcontainers-kafka on this module's test classpath",
          e);
    }
    return ContainerInfrastructure.start();
  }
}

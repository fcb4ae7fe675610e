package ai.stratum.test;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Kafka in Docker containers (Testcontainers), on request; the images match what
 * docker-compose deploys. Only loaded when chosen, so modules without the optional Testcontainers
 * dependencies never touch these classes.
 */
final class ContainerInfrastructure implements Infrastructure {

  private final PostgreSQLContainer postgres;
  private final KafkaContainer kafka;

  private ContainerInfrastructure(PostgreSQLContainer postgres, KafkaContainer kafka) {
    this.postgres = postgres;
    this.kafka = kafka;
  }

  static ContainerInfrastructure start() {
    Assumptions.assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "stratum.test.infrastructure=testcontainers needs a Docker engine, and none is reachable");
    PostgreSQLContainer postgres =
        new PostgreSQLContainer("postgres:18").withDatabaseName("stratum");
    KafkaContainer kafka =
        new KafkaContainer("apache/kafka:4.2.1")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    try {
      postgres.start();
      kafka.start();
    } catch (RuntimeException e) {
      kafka.stop();
      postgres.stop();
      throw e;
    }
    return new ContainerInfrastructure(postgres, kafka);
  }

  @Override
  public String jdbcUrl() {
    return postgres.getJdbcUrl();
  }

  @Override
  public String username() {
    return postgres.getUsername();
  }

  @Override
  public String password() {
    return postgres.getPassword();
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public void close() {
    kafka.stop();
    postgres.stop();
  }
}

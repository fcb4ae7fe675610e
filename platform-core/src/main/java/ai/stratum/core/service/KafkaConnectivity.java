package ai.stratum.core.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Checks that the Kafka cluster answers: once at start-up, so a service refuses to start against an
 * unreachable broker instead of failing later, and on every health probe.
 */
class KafkaConnectivity implements InitializingBean, HealthIndicator, AutoCloseable {

  private final String bootstrapServers;
  private final Duration timeout;
  private final Admin admin;

  KafkaConnectivity(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
    int millis = (int) timeout.toMillis();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.CLIENT_ID_CONFIG, "stratum-connectivity"));
  }

  @Override
  public void afterPropertiesSet() {
    try {
      clusterId();
    } catch (Exception unreachable) {
      throw new StartupCheckException(
          "Kafka at "
              + bootstrapServers
              + " is unreachable within "
              + timeout.toSeconds()
              + " s; set spring.kafka.bootstrap-servers (env SPRING_KAFKA_BOOTSTRAP_SERVERS) to a running broker",
          unreachable);
    }
  }

  @Override
  public Health health() {
    try {
      return Health.up()
          .withDetail("bootstrapServers", bootstrapServers)
          .withDetail("clusterId", clusterId())
          .build();
    } catch (Exception unreachable) {
      return Health.down(unreachable).withDetail("bootstrapServers", bootstrapServers).build();
    }
  }

  private String clusterId() throws InterruptedException, ExecutionException, TimeoutException {
    return admin
        .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
        .clusterId()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}

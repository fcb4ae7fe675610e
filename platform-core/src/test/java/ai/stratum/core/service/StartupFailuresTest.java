package ai.stratum.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.SharedInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@RealInfrastructure
class StartupFailuresTest {

  @StratumService(name = "probe", schema = "probe", port = 18099)
  @SpringBootApplication
  static class ProbeService {}

  @Test
  void namesTheDatasourceSettingWhenPostgresIsUnreachable() throws IOException {
    Throwable failure =
        catchThrowable(() ->
            start(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + closedPort() + "/stratum",
                "--spring.datasource.hikari.initialization-fail-timeout=1000"));

    assertThat(StartupFailures.describe(failure))
        .contains("PostgreSQL is unreachable")
        .contains("spring.datasource.url")
        .doesNotContain("\n");
  }

  @Test
  void namesTheBootstrapSettingWhenKafkaIsUnreachable() throws IOException {
    Throwable failure =
        catchThrowable(() ->
            start(
                "--spring.kafka.bootstrap-servers=localhost:" + closedPort(),
                "--stratum.core.service.kafka-check-timeout=2s"));

    assertThat(StartupFailures.describe(failure))
        .contains("Kafka at localhost:")
        .contains("spring.kafka.bootstrap-servers")
        .doesNotContain("\n");
  }

  @Test
  void namesTheServerPortSettingWhenThePortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Throwable failure = catchThrowable(() -> start("--server.port=" + taken.getLocalPort()));

      assertThat(StartupFailures.describe(failure))
          .isEqualTo(
              "port "
                  + taken.getLocalPort()
                  + " is already in use; choose a free one with server.port (env SERVER_PORT)");
    }
  }

  @Test
  void startsAndAppliesTheServiceDefaultsWhenInfrastructureIsThere() {
    try (var context = start("--server.port=0")) {
      assertThat(context.getEnvironment().getProperty("spring.application.name"))
          .isEqualTo("probe");
      assertThat(context.getEnvironment().getProperty("spring.flyway.locations"))
          .isEqualTo("classpath:db/migration/probe");
      assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
          .isEqualTo(SharedInfrastructure.get().jdbcUrl());
    }
  }

  private static org.springframework.context.ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(ProbeService.class).run(args);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

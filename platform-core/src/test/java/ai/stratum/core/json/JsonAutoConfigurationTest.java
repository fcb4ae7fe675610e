package ai.stratum.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class JsonAutoConfigurationTest {

  record Ping(Instant at) {}

  @Test
  void givesBootsJsonMapperTheStratumSettings() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(JacksonAutoConfiguration.class, JsonAutoConfiguration.class))
        .run(context -> {
          JsonMapper mapper = context.getBean(JsonMapper.class);
          assertThat(mapper.writeValueAsString(Map.of("at", Instant.parse("2026-01-02T03:04:05Z"))))
              .isEqualTo("{\"at\":\"2026-01-02T03:04:05Z\"}");
          assertThat(mapper.readValue("{\"at\":\"2026-01-02T03:04:05Z\",\"extra\":1}", Ping.class))
              .isEqualTo(new Ping(Instant.parse("2026-01-02T03:04:05Z")));
        });
  }
}

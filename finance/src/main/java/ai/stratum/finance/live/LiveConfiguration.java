package ai.stratum.finance.live;

import ai.stratum.finance.live.internal.DeadLetterProjection;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

  @Bean
  LiveStatistics liveStatistics(JdbcTemplate jdbc) {
    return new LiveStatistics(jdbc, Clock.systemUTC());
  }

  /**
   * Copies dead letters into PostgreSQL for the live view; off together with the decision
   * projection ({@code stratum.finance.decisions.projection=false}).
   */
  @Bean
  @ConditionalOnBooleanProperty(
      name = "stratum.finance.decisions.projection",
      matchIfMissing = true)
  KafkaMessageListenerContainer<String, byte[]> deadLetterProjection(
      KafkaProperties kafka, JdbcTemplate jdbc) {
    return DeadLetterProjection.container(
        kafka.buildConsumerProperties(), "finance-dead-letter-store", jdbc);
  }
}

package ai.stratum.finance.stream;

import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamSettings.class)
@ConditionalOnBooleanProperty(name = "stratum.finance.stream.enabled", matchIfMissing = true)
class StreamConfiguration {

  @Bean
  ScoringStream scoringStream(
      KafkaProperties kafka,
      StreamSettings settings,
      DecisionEngine engine,
      TransactionReader reader,
      JdbcTemplate jdbc) {
    return new ScoringStream(kafka, settings, engine, reader, jdbc, Clock.systemUTC());
  }
}

package ai.stratum.finance.decisions;

import ai.stratum.finance.decisions.internal.DecisionProjection;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.scoring.ProductionRiskModel;
import ai.stratum.finance.scoring.ScoringSettings;
import ai.stratum.finance.threshold.ThresholdPolicy;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

  @Bean
  DecisionEngine decisionEngine(
      FeatureEngine features,
      ProductionRiskModel models,
      ThresholdPolicy thresholds,
      ScoringSettings scoring) {
    return new DecisionEngine(
        features,
        models,
        thresholds,
        Clock.systemUTC(),
        scoring.exactReasons() == ScoringSettings.ExactReasons.ALL);
  }

  @Bean
  DecisionLookup decisionLookup(JdbcTemplate jdbc) {
    return new DecisionLookup(jdbc);
  }

  /**
   * Copies committed decisions into PostgreSQL for lookups, cases and the live statistics; a
   * deployment that serves lookups elsewhere can turn it off ({@code
   * stratum.finance.decisions.projection=false}).
   */
  @Bean
  @ConditionalOnBooleanProperty(
      name = "stratum.finance.decisions.projection",
      matchIfMissing = true)
  KafkaMessageListenerContainer<String, byte[]> decisionProjection(
      KafkaProperties kafka, JdbcTemplate jdbc) {
    return DecisionProjection.container(
        kafka.buildConsumerProperties(), "finance-decision-store", jdbc, Clock.systemUTC());
  }
}

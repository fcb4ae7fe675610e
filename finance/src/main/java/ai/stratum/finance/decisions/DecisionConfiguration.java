package ai.stratum.finance.decisions;

import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.scoring.RiskModel;
import ai.stratum.finance.threshold.ThresholdPolicy;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

  @Bean
  DecisionEngine decisionEngine(FeatureEngine features, RiskModel model, ThresholdPolicy thresholds) {
    features.useRiskTables(model.bundle().riskTables());
    return new DecisionEngine(features, model, thresholds, Clock.systemUTC());
  }
}

package ai.stratum.finance.features;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeatureSettings.class)
class FeatureConfiguration {

  /** Risk tables come with the model version; the decision engine installs them. */
  @Bean
  FeatureEngine featureEngine(FeatureSettings settings) {
    return new FeatureEngine(settings, RiskTables.neutral());
  }
}

package ai.stratum.finance.threshold;

import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.service.PeriodicTask;
import ai.stratum.finance.threshold.internal.JdbcThresholdJournal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThresholdSettings.class)
class ThresholdConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ThresholdConfiguration.class);

  @Bean
  ThresholdPolicy thresholdPolicy(
      ThresholdSettings settings,
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      AuditLog audit) {
    return new ThresholdPolicy(
        settings, new JdbcThresholdJournal(jdbc, transactions, audit), Clock.systemUTC());
  }

  /** Runs the adaptation on its own thread so database writes never delay a decision. */
  @Bean
  PeriodicTask thresholdAdaptation(ThresholdPolicy policy, ThresholdSettings settings) {
    return new PeriodicTask("threshold-adaptation", settings.interval()) {
      @Override
      protected void runOnce() {
        policy.adapt().forEach(change -> log.info("Thresholds adapted: {}", change));
      }
    };
  }
}

package ai.stratum.finance.threshold;

import ai.stratum.core.audit.AuditLog;
import ai.stratum.finance.threshold.internal.JdbcThresholdJournal;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
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
  SmartLifecycle thresholdAdaptation(ThresholdPolicy policy, ThresholdSettings settings) {
    return new SmartLifecycle() {
      private ScheduledExecutorService scheduler;

      @Override
      public void start() {
        scheduler =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("threshold-adaptation").daemon().factory());
        long period = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                policy.adapt().forEach(change -> log.info("Thresholds adapted: {}", change));
              } catch (RuntimeException e) {
                log.warn("Threshold adaptation failed; thresholds stay as they are", e);
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
      }

      @Override
      public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
      }

      @Override
      public boolean isRunning() {
        return scheduler != null;
      }
    };
  }
}

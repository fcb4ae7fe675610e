package ai.stratum.finance.scoring;

import ai.stratum.core.events.CommittedRecords;
import ai.stratum.core.events.Topic;
import ai.stratum.core.inference.boot.InferenceProperties;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelServer;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScoringSettings.class)
class ScoringConfiguration {

  @Bean
  ProductionRiskModel productionRiskModel() {
    return new ProductionRiskModel();
  }

  @Bean
  RiskModelSync riskModelSync(
      ModelServer server,
      ModelRegistry registry,
      ProductionRiskModel production,
      ScoringSettings settings,
      InferenceProperties inference) {
    BatchingSettings batching =
        new BatchingSettings(
            settings.maxBatchSize(),
            settings.maxDelay(),
            settings.queueCapacity(),
            settings.workers(),
            settings.timeout(),
            Duration.ofSeconds(1));
    return new RiskModelSync(
        server,
        registry,
        production,
        settings,
        batching,
        inference.drainTimeout(),
        inference.reconcileInterval());
  }

  /**
   * Promotions and rollbacks of the package, as the inference core's own listener does for the
   * models it serves: a consumer group per instance, from the start of the topic (an old event
   * costs one registry read; none published while joining slips through).
   */
  @Bean
  @ConditionalOnBooleanProperty(
      name = "stratum.core.inference.hot-swap.enabled",
      matchIfMissing = true)
  KafkaMessageListenerContainer<String, byte[]> financeModelEvents(
      KafkaProperties kafka, RiskModelSync sync, ScoringSettings settings) {
    return CommittedRecords.projection(
        Topic.PLATFORM_MODELS,
        "finance-models-" + UUID.randomUUID(),
        kafka.buildConsumerProperties(),
        "financeModelEvents",
        records -> {
          if (records.stream().anyMatch(record -> settings.modelName().equals(record.key()))) {
            sync.onModelEvent();
          }
        });
  }
}

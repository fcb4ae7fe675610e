package ai.stratum.core.inference.boot;

import ai.stratum.core.events.Topic;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.registry.ModelRegistryAutoConfiguration;
import ai.stratum.core.inference.runtime.DeviceSelector;
import ai.stratum.core.inference.runtime.PyTorchRuntime;
import ai.stratum.core.inference.runtime.XGBoostRuntime;
import ai.stratum.core.inference.serving.ModelServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * The {@link ModelServer} of a service, and, when a registry is available, {@link ProductionModels}
 * keeping it on the production versions of {@code stratum.core.inference.models} plus a {@code
 * platform.models} listener.
 */
@AutoConfiguration(after = {ModelRegistryAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "stratum.core.inference.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InferenceProperties.class)
public final class InferenceAutoConfiguration {

  @Bean(destroyMethod = "close")
  ModelServer stratumModelServer(
      InferenceProperties properties, ObjectProvider<MeterRegistry> meters) {
    return new ModelServer(
        List.of(
            new PyTorchRuntime(properties.engineThreads()),
            new XGBoostRuntime(properties.engineThreads())),
        DeviceSelector.detect().select(properties.device()),
        meters.getIfAvailable(SimpleMeterRegistry::new),
        properties.drainTimeout());
  }

  @Bean
  @ConditionalOnBean(ModelRegistry.class)
  ProductionModels stratumProductionModels(
      ModelServer server, ModelRegistry registry, InferenceProperties properties) {
    return new ProductionModels(
        server,
        registry,
        properties.models(),
        properties::batchingFor,
        properties.reconcileInterval());
  }

  /**
   * Every instance must see every event, so each gets a consumer group of its own. It reads the
   * topic from the start: replaying old events costs one registry query each, and no event
   * published while the consumer joins can slip through.
   */
  @Bean
  @ConditionalOnBean({ModelRegistry.class, KafkaProperties.class})
  @ConditionalOnBooleanProperty(
      name = "stratum.core.inference.hot-swap.enabled",
      matchIfMissing = true)
  KafkaMessageListenerContainer<String, String> stratumModelEventsListener(
      KafkaProperties kafka, ProductionModels models, InferenceProperties properties) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "stratum-inference-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    ContainerProperties container = new ContainerProperties(Topic.PLATFORM_MODELS.topicName());
    container.setMessageListener(
        (MessageListener<String, String>)
            record -> {
              if (record.key() != null) {
                models.onModelEvent(record.key());
              }
            });
    KafkaMessageListenerContainer<String, String> listener =
        new KafkaMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(
                config, new StringDeserializer(), new StringDeserializer()),
            container);
    listener.setBeanName("stratumModelEventsListener");
    listener.setAutoStartup(!properties.models().isEmpty());
    return listener;
  }
}

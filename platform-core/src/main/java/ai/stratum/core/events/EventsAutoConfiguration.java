package ai.stratum.core.events;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Declares the catalogue topics a service lists in {@code stratum.core.events.topics} (Boot's
 * {@code KafkaAdmin} creates them) and provides an {@link EventPublisher} on Boot's producer
 * settings.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsAutoConfiguration {

  @Bean
  KafkaAdmin.NewTopics stratumTopics(EventsProperties properties) {
    return new KafkaAdmin.NewTopics(newTopics(properties).toArray(NewTopic[]::new));
  }

  static List<NewTopic> newTopics(EventsProperties properties) {
    return properties.topics().stream()
        .map(Topic::byName)
        .distinct()
        .map(topic ->
            new NewTopic(topic.topicName(), topic.partitions(), properties.replicationFactor()))
        .toList();
  }

  @Bean
  @ConditionalOnBean(ProducerFactory.class)
  @ConditionalOnMissingBean(EventPublisher.class)
  EventPublisher stratumEventPublisher(ProducerFactory<?, ?> producerFactory) {
    return EventPublisher.using(producerFactory);
  }
}

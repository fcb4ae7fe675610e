package ai.stratum.medical.delivery;

import ai.stratum.core.events.EventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class DeliveryConfiguration {

  @Bean
  OutboxRelay medicalOutboxRelay(
      Outbox outbox, ObjectProvider<EventPublisher> publisher, OutboxProperties properties) {
    return new OutboxRelay(outbox, publisher::getIfAvailable, properties);
  }
}

package ai.stratum.core.service;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** Conventions every Stratum service gets: start-up checks of its infrastructure and their health indicators. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ServiceProperties.class)
class ServiceAutoConfiguration {

  @Bean(name = "kafka")
  @ConditionalOnProperty(
      name = "stratum.core.service.kafka-check",
      havingValue = "true",
      matchIfMissing = true)
  KafkaConnectivity kafkaConnectivity(KafkaProperties kafka, ServiceProperties properties) {
    return new KafkaConnectivity(
        String.join(",", kafka.getBootstrapServers()), properties.kafkaCheckTimeout());
  }
}

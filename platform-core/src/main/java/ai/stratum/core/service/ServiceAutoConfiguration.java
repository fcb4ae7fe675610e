package ai.stratum.core.service;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Conventions every Stratum service gets: start-up checks of its infrastructure and their health
 * indicators.
 */
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

  /**
   * API docs titled with the service, so the documents of the five services tell themselves apart.
   */
  @Bean
  @ConditionalOnMissingBean
  OpenAPI serviceOpenApi(Environment environment) {
    String service = environment.getProperty("spring.application.name", "service");
    return new OpenAPI()
        .info(
            new Info()
                .title("Stratum " + service)
                .description(environment.getProperty("info.service.description"))
                .version(getClass().getPackage().getImplementationVersion()));
  }
}

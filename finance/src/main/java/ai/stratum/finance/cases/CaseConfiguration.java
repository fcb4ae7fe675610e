package ai.stratum.finance.cases;

import ai.stratum.finance.cases.internal.LabelProjection;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class CaseConfiguration {

  @Bean
  CaseQueries caseQueries(JdbcTemplate jdbc) {
    return new CaseQueries(jdbc);
  }

  @Bean
  LabelIntake labelIntake(ProducerFactory<?, ?> producers) {
    return new LabelIntake(producers);
  }

  @Bean
  KafkaMessageListenerContainer<String, byte[]> labelProjection(
      KafkaProperties kafka, JdbcTemplate jdbc) {
    return LabelProjection.container(kafka.buildConsumerProperties(), "finance-label-store", jdbc);
  }
}

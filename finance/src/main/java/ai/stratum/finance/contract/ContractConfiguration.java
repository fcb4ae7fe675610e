package ai.stratum.finance.contract;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContractSettings.class)
class ContractConfiguration {

  @Bean
  TransactionReader transactionReader(ContractSettings settings) {
    return new TransactionReader(settings.maxRecordBytes());
  }
}

package ai.stratum.finance.scoring;

import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScoringSettings.class)
class ScoringConfiguration {

  @Bean
  RiskModel riskModel(ModelServer server, ScoringSettings settings) {
    BatchingSettings batching =
        new BatchingSettings(
            settings.maxBatchSize(),
            settings.maxDelay(),
            settings.queueCapacity(),
            settings.workers(),
            settings.timeout(),
            Duration.ofSeconds(1));
    if (settings.modelDirectory() != null) {
      return RiskModels.deploy(server, settings.modelDirectory(), batching, settings.timeout());
    }
    try {
      return RiskModels.deployFromClasspath(
          server, Files.createTempDirectory("finance-models"), batching, settings.timeout());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the finance models", e);
    }
  }
}

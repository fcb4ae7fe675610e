package ai.stratum.core.inference.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.inference.runtime.DevicePreference;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class InferenceAutoConfigurationTest {

  private final ApplicationContextRunner service =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(InferenceAutoConfiguration.class));

  @Test
  void bindsDefaultsAndPerModelBatching() {
    service
        .withPropertyValues(
            "stratum.core.inference.device=cpu",
            "stratum.core.inference.models=fraud-mlp,fraud-gbdt",
            "stratum.core.inference.batching.queue-capacity=64",
            "stratum.core.inference.model-batching.fraud-gbdt.max-batch-size=128",
            "stratum.core.inference.model-batching.fraud-gbdt.workers=1")
        .run(context -> {
          InferenceProperties properties = context.getBean(InferenceProperties.class);
          assertThat(properties.device()).isEqualTo(DevicePreference.CPU);
          assertThat(properties.models()).containsExactly("fraud-mlp", "fraud-gbdt");
          assertThat(properties.registryApi().enabled()).isFalse();
          assertThat(properties.hotSwap().enabled()).isTrue();
          assertThat(properties.batchingFor("fraud-mlp"))
              .isEqualTo(
                  new BatchingSettings(
                      32, Duration.ZERO, 64, 2, Duration.ofSeconds(2), Duration.ofSeconds(1)));
          assertThat(properties.batchingFor("fraud-gbdt").maxBatchSize()).isEqualTo(128);
          assertThat(properties.batchingFor("fraud-gbdt").workers()).isEqualTo(1);
        });
  }

  @Test
  void givesAServiceWithoutARegistryAModelServerButNoSync() {
    service.run(context -> {
      assertThat(context).hasSingleBean(ModelServer.class);
      assertThat(context).doesNotHaveBean(ProductionModels.class);
    });
  }

  @Test
  void canBeSwitchedOff() {
    service
        .withPropertyValues("stratum.core.inference.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ModelServer.class));
  }
}

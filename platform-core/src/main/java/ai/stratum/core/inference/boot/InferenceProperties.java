package ai.stratum.core.inference.boot;

import ai.stratum.core.inference.runtime.DevicePreference;
import ai.stratum.core.inference.serving.BatchingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled switches the inference core (registry, server, hot-swap) off for services without
 *     models
 * @param device {@code auto} (GPUs when CUDA is present, else CPU), {@code cpu} or {@code gpu}
 * @param models names of the models this service serves, each in its production version
 * @param batching batching of every served model unless {@code model-batching} overrides it
 * @param modelBatching per model name, batching that replaces {@code batching} entirely
 * @param engineThreads threads one predictor may use inside the engine; parallelism comes from the
 *     workers
 * @param drainTimeout how long a replaced version may take to finish its queued requests
 * @param reconcileInterval how often the served versions are compared with the registry, in case an
 *     event was lost
 * @param registryApi the {@code /api/models} REST API
 * @param hotSwap listening to {@code platform.models}
 */
@ConfigurationProperties("stratum.core.inference")
public record InferenceProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("auto") DevicePreference device,
    @DefaultValue List<String> models,
    @DefaultValue Batching batching,
    @DefaultValue Map<String, Batching> modelBatching,
    @DefaultValue("1") int engineThreads,
    @DefaultValue("30s") Duration drainTimeout,
    @DefaultValue("1m") Duration reconcileInterval,
    @DefaultValue RegistryApi registryApi,
    @DefaultValue HotSwap hotSwap) {

  /** See {@link BatchingSettings} for the meaning of each setting. */
  public record Batching(
      @DefaultValue("32") int maxBatchSize,
      @DefaultValue("0ms") Duration maxDelay,
      @DefaultValue("256") int queueCapacity,
      @DefaultValue("2") int workers,
      @DefaultValue("2s") Duration timeout,
      @DefaultValue("1s") Duration retryAfter) {

    public BatchingSettings toSettings() {
      return new BatchingSettings(
          maxBatchSize, maxDelay, queueCapacity, workers, timeout, retryAfter);
    }
  }

  /**
   * @param enabled serve {@code /api/models} from this service
   */
  public record RegistryApi(@DefaultValue("false") boolean enabled) {}

  /**
   * @param enabled swap versions when a {@code platform.models} event arrives
   */
  public record HotSwap(@DefaultValue("true") boolean enabled) {}

  public BatchingSettings batchingFor(String model) {
    return modelBatching.getOrDefault(model, batching).toSettings();
  }
}

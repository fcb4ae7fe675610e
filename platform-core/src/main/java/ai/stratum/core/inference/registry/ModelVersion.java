package ai.stratum.core.inference.registry;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A registered model version.
 *
 * @param sha256 of the artifact in the content store; a runtime refuses an artifact that hashes
 *     differently
 * @param metrics evaluation results as recorded at registration (e.g. {@code {"auc": 0.93}})
 * @param parent the version this one was derived from (retrained from, fine-tuned from), if any
 */
public record ModelVersion(
    String name,
    int version,
    ModelStage stage,
    String sha256,
    ModelFramework framework,
    ModelSignature signature,
    Map<String, Object> metrics,
    String createdBy,
    Instant createdAt,
    @Nullable ModelRef parent) {

  public ModelVersion {
    metrics = Map.copyOf(metrics);
  }

  public ModelRef ref() {
    return new ModelRef(name, version);
  }
}

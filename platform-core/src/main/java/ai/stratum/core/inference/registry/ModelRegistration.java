package ai.stratum.core.inference.registry;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What registering a new version takes besides the artifact bytes; the registry assigns the version
 * number.
 *
 * @param expectedSha256 if given, the artifact must hash to it (guards against a truncated or
 *     swapped upload)
 */
public record ModelRegistration(
    String name,
    ModelFramework framework,
    ModelSignature signature,
    Map<String, Object> metrics,
    String createdBy,
    @Nullable ModelRef parent,
    @Nullable String expectedSha256) {

  public ModelRegistration {
    ModelRef.requireValidName(name);
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(signature, "signature");
    metrics = Map.copyOf(metrics);
    if (createdBy == null || createdBy.isBlank()) {
      throw new IllegalArgumentException("createdBy must name who registers the version");
    }
  }
}

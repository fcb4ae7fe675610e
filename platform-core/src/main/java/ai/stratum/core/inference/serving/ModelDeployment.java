package ai.stratum.core.inference.serving;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model version to serve: its artifact on local disk and the sha256 the artifact must have;
 * {@link ModelServer} refuses an artifact whose bytes hash differently.
 */
public record ModelDeployment(
    ModelRef model,
    ModelFramework framework,
    ModelSignature signature,
    Path artifact,
    String sha256,
    BatchingSettings batching) {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public ModelDeployment {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(batching, "batching");
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lower-case hex digits: '" + sha256 + "'");
    }
  }
}

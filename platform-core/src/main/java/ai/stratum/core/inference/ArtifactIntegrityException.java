package ai.stratum.core.inference;

/**
 * The artifact's bytes do not hash to the sha256 the registry recorded for the version, so it is
 * refused.
 */
public class ArtifactIntegrityException extends ModelLoadException {

  public ArtifactIntegrityException(ModelRef model, String expectedSha256, String actualSha256) {
    super(
        model,
        "artifact sha256 is "
            + actualSha256
            + " but the registry expects "
            + expectedSha256
            + "; the artifact was altered or replaced and is refused");
  }
}

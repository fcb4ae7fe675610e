package ai.stratum.core.inference.registry;

import org.jspecify.annotations.Nullable;

/**
 * Payload of the {@code platform.models} events (key: model name): the production version of a
 * model changed. Runtimes treat it as a hint and read the registry for the truth, so duplicates and
 * reordering are harmless.
 *
 * @param version the version that is now in production
 * @param previousVersion the version it replaced, if any
 */
public record ModelStageChanged(
    String name, int version, @Nullable Integer previousVersion, String sha256, String changedBy) {

  /** Envelope type of a promotion. */
  public static final String PROMOTED = "model.promoted";

  /** Envelope type of a rollback. */
  public static final String ROLLED_BACK = "model.rolled-back";
}

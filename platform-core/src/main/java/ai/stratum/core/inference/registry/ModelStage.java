package ai.stratum.core.inference.registry;

import java.util.Locale;

/** Where a version is in its life. */
public enum ModelStage {
  /** Registered, under evaluation; not served. */
  STAGING,
  /** Served by every runtime; at most one version per model. */
  PRODUCTION,
  /** Retired: superseded, rolled back from, or withdrawn. */
  ARCHIVED;

  /** Lower case, as in JSON and messages, e.g. {@code production}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package ai.stratum.core.inference.registry;

/** Where a version is in its life. */
public enum ModelStage {
  /** Registered, under evaluation; not served. */
  STAGING,
  /** Served by every runtime; at most one version per model. */
  PRODUCTION,
  /** Retired: superseded, rolled back from, or withdrawn. */
  ARCHIVED
}

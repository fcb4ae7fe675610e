package ai.stratum.core.inference;

import java.util.Locale;

/**
 * The engine an artifact is made for; each has one runtime in {@code
 * ai.stratum.core.inference.runtime}.
 */
public enum ModelFramework {
  /** A DJL model on the PyTorch engine: architecture description plus DJL parameters, zipped. */
  PYTORCH,
  /** An XGBoost booster in its UBJSON or JSON model format. */
  XGBOOST,
  /**
   * A zip of several artifacts and the metadata combining them (e.g. finance's trees, MLP and
   * calibrator), registered and promoted as one version so its parts never mix with another
   * version's. No runtime serves it: the service that owns it deploys the parts.
   */
  PACKAGE;

  /** Lower case, as in JSON and messages, e.g. {@code pytorch}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

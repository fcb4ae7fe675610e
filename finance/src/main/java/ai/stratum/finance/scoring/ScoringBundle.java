package ai.stratum.finance.scoring;

import ai.stratum.finance.features.RiskTables;
import java.util.List;
import java.util.Map;

/**
 * What one trained model version consists of besides the two artifacts: the feature layout it was
 * trained on, how the MLP's inputs are scaled, the calibrator combining both models, the risk
 * tables the features use, and how it was made. Stored as {@code finance-risk.json} next to the
 * artifacts under {@code models/finance}.
 *
 * @param version the decision's {@code modelVersion}
 * @param mlpCenter per-feature mean of signed log1p(feature) on the training data
 * @param mlpScale per-feature standard deviation of the same
 */
public record ScoringBundle(
    String version,
    List<String> features,
    Artifact gbdt,
    Artifact mlp,
    List<Integer> mlpHidden,
    float[] mlpCenter,
    float[] mlpScale,
    Calibration calibration,
    RiskTables riskTables,
    Map<String, Object> metrics,
    Map<String, Object> provenance) {

  public static final String FILE = "finance-risk.json";

  /** A model file beside the bundle, with the sha256 the inference core verifies on load. */
  public record Artifact(String model, int modelVersion, String file, String sha256) {}

  /**
   * Logistic stacking: {@code p = sigmoid(gbdt * treeMargin + mlp * mlpLogit + bias)}, fitted on a
   * calibration week that neither model was trained on.
   */
  public record Calibration(double gbdt, double mlp, double bias) {

    public double probability(double treeMargin, double mlpLogit) {
      return 1 / (1 + Math.exp(-(gbdt * treeMargin + mlp * mlpLogit + bias)));
    }
  }
}

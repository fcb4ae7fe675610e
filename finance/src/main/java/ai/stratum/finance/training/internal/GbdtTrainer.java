package ai.stratum.finance.training.internal;

import ai.stratum.finance.features.FeatureEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Gradient-boosted trees with XGBoost4J (binary:logistic, histogram method, CPU). */
public final class GbdtTrainer {

  public static final int ROUNDS = 120;
  public static final int MAX_DEPTH = 5;

  private GbdtTrainer() {}

  public static Map<String, Object> parameters(long seed) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("objective", "binary:logistic");
    parameters.put("eval_metric", "aucpr");
    parameters.put("tree_method", "hist");
    parameters.put("eta", 0.1);
    parameters.put("max_depth", MAX_DEPTH);
    parameters.put("min_child_weight", 5);
    parameters.put("subsample", 0.8);
    parameters.put("colsample_bytree", 0.8);
    parameters.put("lambda", 1.0);
    parameters.put("nthread", 2);
    parameters.put("seed", seed);
    return parameters;
  }

  /** Trains on {@code train}; returns the booster as XGBoost JSON. */
  public static byte[] train(Dataset train, long seed) throws XGBoostError {
    DMatrix matrix = new DMatrix(train.features(), train.rows(), FeatureEngine.SIZE, Float.NaN);
    try {
      matrix.setLabel(train.labels());
      matrix.setWeight(train.weights());
      Booster booster = XGBoost.train(matrix, parameters(seed), ROUNDS, Map.of(), null, null);
      try {
        return booster.toByteArray("json");
      } finally {
        booster.dispose();
      }
    } finally {
      matrix.dispose();
    }
  }
}

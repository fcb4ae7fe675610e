package ai.stratum.finance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.scoring.internal.TreeEnsemble;
import java.io.InputStream;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class TreeEnsembleTest {

  private static final int N = FeatureEngine.SIZE;

  @Test
  void treeShapMatchesXgboostsOwnContributionsOnTheCommittedModel() throws Exception {
    byte[] json;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("models/finance/finance-gbdt.json")) {
      assertThat(in).as("committed model on the classpath").isNotNull();
      json = in.readAllBytes();
    }
    TreeEnsemble trees = TreeEnsemble.fromXgboostJson(json, StratumJson.mapper());
    Booster booster = XGBoost.loadModel(json);
    int rows = 20;
    float[] x = new float[rows * N];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < x.length; i++) {
      x[i] =
          random.nextDouble() < 0.05
              ? Float.NaN
              : (float) (random.nextGaussian() * 3 + random.nextInt(4));
    }
    DMatrix matrix = new DMatrix(x, rows, N, Float.NaN);
    float[][] contributions = booster.predictContrib(matrix, 0);
    float[][] margins = booster.predict(matrix, true);
    TreeEnsemble.Workspace workspace = trees.newWorkspace();
    double[] phi = new double[N];

    for (int row = 0; row < rows; row++) {
      trees.shap(x, row * N, phi, workspace);
      double sum = trees.expectedMargin();
      for (int i = 0; i < N; i++) {
        assertThat(phi[i])
            .as("row %d feature %d", row, i)
            .isCloseTo(contributions[row][i], within(2e-3));
        sum += phi[i];
      }
      assertThat(sum).as("local accuracy").isCloseTo(trees.margin(x, row * N), within(1e-3));
      trees.pathAttribution(x, row * N, phi);
      double pathSum = trees.expectedMargin();
      for (int i = 0; i < N; i++) {
        pathSum += phi[i];
      }
      assertThat(pathSum)
          .as("path attribution's local accuracy")
          .isCloseTo(trees.margin(x, row * N), within(1e-3));
      assertThat(trees.margin(x, row * N)).isCloseTo(margins[row][0], within(1e-3));
    }
    matrix.dispose();
    booster.dispose();
  }
}

package ai.stratum.finance.scoring;

import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.inference.serving.Prediction;
import ai.stratum.finance.contract.Reason;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.scoring.internal.TreeEnsemble;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Scores feature vectors with the served GBDT and MLP, combines them into a calibrated fraud
 * probability and explains a score with exact TreeSHAP over the trees. Thread-safe; reasons need a
 * per-thread {@link Explainer}.
 */
public final class RiskModel {

  private static final int N = FeatureEngine.SIZE;

  private final ModelServer server;
  private final ScoringBundle bundle;
  private final TreeEnsemble trees;
  private final Duration timeout;

  public RiskModel(ModelServer server, ScoringBundle bundle, TreeEnsemble trees, Duration timeout) {
    if (!bundle.features().equals(FeatureEngine.names())) {
      throw new IllegalArgumentException(
          "model " + bundle.version() + " was trained on another feature layout; retrain it");
    }
    if (trees.features() != N) {
      throw new IllegalArgumentException(
          "the trees take " + trees.features() + " features, not " + N);
    }
    this.server = server;
    this.bundle = bundle;
    this.trees = trees;
    this.timeout = timeout;
  }

  public String version() {
    return bundle.version();
  }

  public ScoringBundle bundle() {
    return bundle;
  }

  /**
   * Scores {@code rows} feature vectors laid out back to back in {@code features}; writes the
   * calibrated probabilities to {@code probabilities[0..rows)}.
   */
  public void score(float[] features, int rows, double[] probabilities) {
    double[] treeMargins = new double[rows];
    double[] mlpLogits = new double[rows];
    rawScores(features, rows, treeMargins, mlpLogits);
    ScoringBundle.Calibration calibration = bundle.calibration();
    for (int row = 0; row < rows; row++) {
      probabilities[row] = calibration.probability(treeMargins[row], mlpLogits[row]);
    }
  }

  /**
   * The two models' outputs before calibration: the trees' margin (log-odds) and the MLP's logit,
   * each computed by the inference core. A batch runs on the calling thread: a caller that waits
   * for it anyway (the stream) would gain nothing from the models' batcher queues but two thread
   * hand-offs. A single row is queued so that concurrent single requests share batches.
   */
  public void rawScores(float[] features, int rows, double[] treeMargins, double[] mlpLogits) {
    if (rows == 1) {
      queuedRawScore(features, treeMargins, mlpLogits);
      return;
    }
    float[] raw = Arrays.copyOf(features, rows * N);
    float[] scaled = new float[rows * N];
    for (int r = 0; r < rows; r++) {
      scaleForMlp(raw, r * N, scaled);
    }
    float[] probabilities =
        server
            .predictBatch(bundle.gbdt().model(), List.of(Tensor.ofFloats(raw, rows, N)))
            .output()
            .floatData();
    float[] logits =
        server
            .predictBatch(bundle.mlp().model(), List.of(Tensor.ofFloats(scaled, rows, N)))
            .output()
            .floatData();
    int treeStride = probabilities.length / rows;
    int mlpStride = logits.length / rows;
    for (int r = 0; r < rows; r++) {
      treeMargins[r] = logit(probabilities[r * treeStride]);
      mlpLogits[r] = logits[r * mlpStride];
    }
  }

  private void queuedRawScore(float[] features, double[] treeMargins, double[] mlpLogits) {
    float[] raw = Arrays.copyOf(features, N);
    CompletableFuture<Prediction> treeScore =
        server.predict(bundle.gbdt().model(), List.of(Tensor.ofFloats(raw, N)), timeout);
    CompletableFuture<Prediction> mlpScore =
        server.predict(bundle.mlp().model(), List.of(Tensor.ofFloats(mlpInput(raw), N)), timeout);
    treeMargins[0] = logit(value(treeScore));
    mlpLogits[0] = value(mlpScore);
  }

  /**
   * Signed log(1 + |x|): tames heavy-tailed counts and amounts for the MLP. Math.log rather than
   * log1p because it is an intrinsic (several times faster); training uses this same function.
   */
  public static float compress(float x) {
    if (x == 0) {
      // most of a transaction's features are empty counts and sums: skips a logarithm each
      return 0;
    }
    float magnitude = (float) Math.log(1 + (double) Math.abs(x));
    return x < 0 ? -magnitude : magnitude;
  }

  /** The MLP's input: signed log1p of each feature, standardised with the training statistics. */
  public float[] mlpInput(float[] raw) {
    float[] scaled = new float[N];
    scaleForMlp(raw, 0, scaled);
    return scaled;
  }

  /**
   * {@link #mlpInput} of the row at {@code offset}, written in place: a batch's rows need no array
   * each (at 8,000 transactions/s those were a noticeable share of the garbage, and so of the
   * collector's cycles competing with the scoring thread for the two cores).
   */
  private void scaleForMlp(float[] rows, int offset, float[] scaled) {
    float[] center = bundle.mlpCenter();
    float[] scale = bundle.mlpScale();
    for (int i = 0; i < N; i++) {
      scaled[offset + i] = (compress(rows[offset + i]) - center[i]) / scale[i];
    }
  }

  public Explainer newExplainer() {
    return new Explainer();
  }

  private static double value(CompletableFuture<Prediction> future) {
    try {
      return future.join().output().floatData()[0];
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static double logit(double p) {
    double clipped = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return Math.log(clipped / (1 - clipped));
  }

  /**
   * Reason codes for one thread: the features with the largest positive attributions over the
   * trees, scaled by the calibrator's weight on the trees so contributions are in the final score's
   * log-odds. Exact TreeSHAP costs about 200 us per decision with the committed model, too much for
   * every event at the stream's target rate; {@link #reasons(float[], int, int, boolean)} takes it
   * where it matters (alerts) and the path attribution elsewhere.
   */
  public final class Explainer {

    private final TreeEnsemble.Workspace workspace = trees.newWorkspace();
    private final double[] phi = new double[N];
    private final int[] top = new int[ai.stratum.finance.contract.Decision.MAX_REASONS];

    private Explainer() {}

    /**
     * @param exact TreeSHAP when true, otherwise the path attribution; both sum with the expected
     *     margin to the trees' margin
     */
    public List<Reason> reasons(float[] features, int row, int max, boolean exact) {
      int offset = row * N;
      if (exact) {
        trees.shap(features, offset, phi, workspace);
      } else {
        trees.pathAttribution(features, offset, phi);
      }
      int count = 0;
      for (int i = 0; i < N; i++) {
        if (phi[i] <= 0) {
          continue;
        }
        int position = Math.min(count, max);
        while (position > 0 && phi[top[position - 1]] < phi[i]) {
          if (position < max) {
            top[position] = top[position - 1];
          }
          position--;
        }
        if (position < max) {
          top[position] = i;
          count = Math.min(count + 1, max);
        }
      }
      double weight = bundle.calibration().gbdt();
      List<Reason> reasons = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        int feature = top[k];
        reasons.add(
            new Reason(
                FeatureEngine.reasonCode(feature),
                FeatureEngine.names().get(feature),
                (double) features[offset + feature],
                weight * phi[feature]));
      }
      return reasons;
    }
  }
}

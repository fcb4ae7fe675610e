package ai.stratum.finance.training.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.stratum.core.inference.runtime.Losses;
import ai.stratum.core.inference.runtime.MlpArchitecture;
import ai.stratum.core.inference.runtime.PyTorchArtifact;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.scoring.RiskModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The MLP with DJL on PyTorch: inputs are signed-log1p features standardised with the training
 * statistics, two ReLU layers, one logit; Adam on weighted binary cross-entropy (the weights undo
 * the legitimate-row subsampling).
 */
public final class MlpTrainer {

  public static final List<Integer> HIDDEN = List.of(64, 32);
  public static final int EPOCHS = 6;
  public static final int BATCH = 256;
  private static final int N = FeatureEngine.SIZE;

  private MlpTrainer() {}

  /** Per-feature centre and scale of signed log1p(feature), from the training rows. */
  public static float[][] standardisation(Dataset train) {
    float[] data = train.featuresView();
    double[] sum = new double[N];
    double[] squares = new double[N];
    for (int row = 0; row < train.rows(); row++) {
      for (int i = 0; i < N; i++) {
        double x = compress(data[row * N + i]);
        sum[i] += x;
        squares[i] += x * x;
      }
    }
    float[] center = new float[N];
    float[] scale = new float[N];
    for (int i = 0; i < N; i++) {
      double mean = sum[i] / train.rows();
      double variance = Math.max(0, squares[i] / train.rows() - mean * mean);
      center[i] = (float) mean;
      scale[i] = (float) Math.max(Math.sqrt(variance), 1e-3);
    }
    return new float[][] {center, scale};
  }

  static double compress(float x) {
    return RiskModel.compress(x);
  }

  /** Trains and returns the artifact bytes ({@link PyTorchArtifact} format). */
  public static byte[] train(Dataset train, float[] center, float[] scale, long seed)
      throws IOException {
    int rows = train.rows();
    float[] raw = train.featuresView();
    float[] inputs = new float[rows * N];
    for (int row = 0; row < rows; row++) {
      for (int i = 0; i < N; i++) {
        inputs[row * N + i] = (float) ((compress(raw[row * N + i]) - center[i]) / scale[i]);
      }
    }
    float[] labels = train.labels();
    float[] weights = train.weights();
    MlpArchitecture architecture = new MlpArchitecture(N, HIDDEN, 1);
    try (Model model = PyTorchArtifact.newModel("finance-mlp", architecture)) {
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH, N));
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
          order[i] = i;
        }
        float[] batchInputs = new float[BATCH * N];
        float[] batchLabels = new float[BATCH];
        float[] batchWeights = new float[BATCH];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
          for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
          }
          for (int start = 0; start + BATCH <= rows; start += BATCH) {
            for (int b = 0; b < BATCH; b++) {
              int row = order[start + b];
              System.arraycopy(inputs, row * N, batchInputs, b * N, N);
              batchLabels[b] = labels[row];
              batchWeights[b] = weights[row];
            }
            step(trainer, batchInputs, batchLabels, batchWeights);
          }
        }
      }
      ByteArrayOutputStream artifact = new ByteArrayOutputStream();
      PyTorchArtifact.write(model, architecture, artifact);
      return artifact.toByteArray();
    }
  }

  private static void step(Trainer trainer, float[] inputs, float[] labels, float[] weights) {
    try (NDManager batch = trainer.getManager().newSubManager();
        GradientCollector collector = trainer.newGradientCollector()) {
      NDArray x = batch.create(inputs, new Shape(BATCH, N));
      NDArray y = batch.create(labels, new Shape(BATCH, 1));
      NDArray w = batch.create(weights, new Shape(BATCH, 1));
      NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
      NDArray loss = Losses.weightedLogisticLoss(logits, y, w);
      collector.backward(loss);
    }
    trainer.step();
  }
}

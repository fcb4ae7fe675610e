package ai.stratum.core.inference;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.stratum.core.inference.runtime.Architecture;
import ai.stratum.core.inference.runtime.MlpArchitecture;
import ai.stratum.core.inference.runtime.PyTorchArtifact;
import ai.stratum.core.inference.serving.BatchingSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Small real models for the inference tests, built in-process. */
public final class TestModels {

  public static final int FEATURES = 4;
  public static final MlpArchitecture TINY_MLP = new MlpArchitecture(FEATURES, List.of(8), 2);

  private TestModels() {}

  /** float32[4] in, float32[2] logits out. */
  public static ModelSignature mlpSignature() {
    return ModelSignature.of(
        TensorSpec.of("features", DataType.FLOAT32, FEATURES),
        TensorSpec.of("logits", DataType.FLOAT32, 2));
  }

  /** float32[4] in, float32[1] probability out. */
  public static ModelSignature gbdtSignature() {
    return ModelSignature.of(
        TensorSpec.of("features", DataType.FLOAT32, FEATURES),
        TensorSpec.of("probability", DataType.FLOAT32, 1));
  }

  /**
   * An artifact of {@link #TINY_MLP} with weights drawn from the seed, so two seeds give two
   * different models.
   */
  public static Path mlpArtifact(Path directory, int seed) throws IOException {
    Engine.getEngine("PyTorch").setRandomSeed(seed);
    try (Model model = PyTorchArtifact.newModel("tiny-mlp", TINY_MLP)) {
      return write(directory, "mlp-" + seed + ".zip", model, TINY_MLP);
    }
  }

  public static Path write(Path directory, String fileName, Model model, Architecture architecture)
      throws IOException {
    Path artifact = directory.resolve(fileName);
    try (OutputStream out = Files.newOutputStream(artifact)) {
      PyTorchArtifact.write(model, architecture, out);
    }
    return artifact;
  }

  /** A booster trained on "feature 0 + feature 1 > 0", as XGBoost's UBJSON. */
  public static byte[] trainedBooster(int rows) throws XGBoostError {
    Random random = new Random(11);
    float[] features = new float[rows * FEATURES];
    float[] labels = new float[rows];
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < FEATURES; column++) {
        features[row * FEATURES + column] = (float) random.nextGaussian();
      }
      labels[row] = features[row * FEATURES] + features[row * FEATURES + 1] > 0 ? 1 : 0;
    }
    DMatrix train = new DMatrix(features, rows, FEATURES, Float.NaN);
    train.setLabel(labels);
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("objective", "binary:logistic");
    parameters.put("max_depth", 4);
    parameters.put("eta", 0.3);
    parameters.put("nthread", 1);
    parameters.put("verbosity", 0);
    Booster booster = XGBoost.train(train, parameters, 30, Map.of(), null, null);
    try {
      return booster.toByteArray("ubj");
    } finally {
      booster.dispose();
      train.dispose();
    }
  }

  public static BatchingSettings batching(int maxBatchSize) {
    return new BatchingSettings(
        maxBatchSize, Duration.ofMillis(2), 1024, 2, Duration.ofSeconds(30), Duration.ofSeconds(1));
  }

  public static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Tensor features(float... values) {
    return Tensor.ofFloats(values, values.length);
  }
}

package ai.stratum.core.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TensorSpec;
import ai.stratum.core.inference.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostRuntimeTest {

  private static final ModelRef MODEL = new ModelRef("fraud-gbdt", 2);
  private static byte[] booster;

  private final XGBoostRuntime runtime = new XGBoostRuntime(1);

  @TempDir Path directory;

  @BeforeAll
  static void train() throws Exception {
    booster = TestModels.trainedBooster(2000);
  }

  @Test
  void servesABoosterTrainedInProcessWithTheBoostersOwnScores() throws Exception {
    Path artifact = Files.write(directory.resolve("gbdt.ubj"), booster);
    float[] rows = {1f, 1f, 0f, 0f, -1f, -1f, 0f, 0f, 2f, -0.5f, 3f, 3f};
    float[][] expected;
    Booster reference = XGBoost.loadModel(booster);
    try {
      expected = reference.predict(new DMatrix(rows, 3, TestModels.FEATURES, Float.NaN));
    } finally {
      reference.dispose();
    }

    try (LoadedModel loaded =
            runtime.load(MODEL, TestModels.gbdtSignature(), artifact, ComputeDevice.cpu());
        ModelPredictor predictor = loaded.newPredictor()) {
      Tensor scores =
          predictor.predict(List.of(Tensor.ofFloats(rows, 3, TestModels.FEATURES))).getFirst();

      assertThat(scores.shape()).containsExactly(3, 1);
      assertThat(scores.floatData())
          .containsExactly(
              new float[] {expected[0][0], expected[1][0], expected[2][0]}, within(1e-6f));
      assertThat(scores.floatData()[0]).as("x0 + x1 = 2 is clearly positive").isGreaterThan(0.9f);
      assertThat(scores.floatData()[1]).as("x0 + x1 = -2 is clearly negative").isLessThan(0.1f);
    }
  }

  @Test
  void refusesABoosterWhoseFeatureCountDiffersFromTheSignature() throws Exception {
    Path artifact = Files.write(directory.resolve("gbdt.ubj"), booster);
    ModelSignature wrong =
        ModelSignature.of(
            TensorSpec.of("features", DataType.FLOAT32, 7),
            TensorSpec.of("probability", DataType.FLOAT32, 1));

    assertThatThrownBy(() -> runtime.load(MODEL, wrong, artifact, ComputeDevice.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'fraud-gbdt' v2")
        .hasMessageContaining("takes 4 features but the signature's input is float32[7]");
  }

  @Test
  void refusesBytesThatAreNotAnXGBoostModel() throws Exception {
    Path garbage =
        Files.write(directory.resolve("garbage.ubj"), "{\"not\": \"a booster\"}".getBytes());

    assertThatThrownBy(
            () -> runtime.load(MODEL, TestModels.gbdtSignature(), garbage, ComputeDevice.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'fraud-gbdt' v2")
        .hasMessageContaining("not an XGBoost model");
  }

  @Test
  void refusesASignatureWithoutOneFixedFeatureVector() throws Exception {
    Path artifact = Files.write(directory.resolve("gbdt.ubj"), booster);
    ModelSignature image =
        ModelSignature.of(
            TensorSpec.of("image", DataType.FLOAT32, 2, 2),
            TensorSpec.of("probability", DataType.FLOAT32, 1));

    assertThatThrownBy(() -> runtime.load(MODEL, image, artifact, ComputeDevice.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("one input float32[n] with a fixed n")
        .hasMessageContaining("float32[2,2]");
  }
}

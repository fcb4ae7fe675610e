package ai.stratum.core.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TensorSpec;
import ai.stratum.core.inference.TestModels;
import ai.stratum.core.json.StratumJson;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyTorchRuntimeTest {

  private static final ModelRef MODEL = new ModelRef("fraud-mlp", 3);

  private final PyTorchRuntime runtime = new PyTorchRuntime(1);

  @TempDir Path directory;

  @Test
  void servesAnMlpTrainedInProcessFromItsArtifact() throws Exception {
    int rows = 512;
    float[] features = new float[rows * TestModels.FEATURES];
    float[] labels = new float[rows];
    Random random = new Random(5);
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < TestModels.FEATURES; column++) {
        features[row * TestModels.FEATURES + column] = (float) random.nextGaussian();
      }
      labels[row] =
          features[row * TestModels.FEATURES] - features[row * TestModels.FEATURES + 2] > 0 ? 1 : 0;
    }
    Path artifact;
    float[] expectedLogits;
    Engine.getEngine("PyTorch").setRandomSeed(5);
    try (Model model = PyTorchArtifact.newModel("trained", TestModels.TINY_MLP);
        NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ArrayDataset data =
          new ArrayDataset.Builder()
              .setData(manager.create(features, new Shape(rows, TestModels.FEATURES)))
              .optLabels(manager.create(labels, new Shape(rows)))
              .setSampling(32, true)
              .build();
      try (Trainer trainer =
          model.newTrainer(
              new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                  .optOptimizer(
                      Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.03f)).build()))) {
        EasyTrain.fit(trainer, 20, data, null);
      }
      artifact = TestModels.write(directory, "trained.zip", model, TestModels.TINY_MLP);
      try (Predictor<NDList, NDList> reference = model.newPredictor(new NoopTranslator(null))) {
        NDArray input = manager.create(features, new Shape(rows, TestModels.FEATURES));
        expectedLogits = reference.predict(new NDList(input)).singletonOrThrow().toFloatArray();
      }
    }

    float[] logits;
    try (LoadedModel loaded =
            runtime.load(MODEL, TestModels.mlpSignature(), artifact, ComputeDevice.cpu());
        ModelPredictor predictor = loaded.newPredictor()) {
      List<Tensor> outputs =
          predictor.predict(List.of(Tensor.ofFloats(features, rows, TestModels.FEATURES)));
      assertThat(outputs).hasSize(1);
      assertThat(outputs.getFirst().shape()).containsExactly(rows, 2);
      logits = outputs.getFirst().floatData();
    }

    assertThat(logits).containsExactly(expectedLogits, within(1e-5f));
    int correct = 0;
    for (int row = 0; row < rows; row++) {
      int predicted = logits[row * 2 + 1] > logits[row * 2] ? 1 : 0;
      correct += predicted == labels[row] ? 1 : 0;
    }
    assertThat(correct).as("training accuracy of the served model").isGreaterThan(rows * 9 / 10);
  }

  @Test
  void servesA3dCnnOnABatchOfVolumes() throws Exception {
    Cnn3dArchitecture cnn = new Cnn3dArchitecture(1, 16, 16, 16, List.of(4, 8), 2);
    ModelSignature signature =
        ModelSignature.of(
            TensorSpec.of("patch", DataType.FLOAT32, 1, 16, 16, 16),
            TensorSpec.of("logits", DataType.FLOAT32, 2));
    float[] volumes = new float[3 * 16 * 16 * 16];
    Random random = new Random(3);
    for (int i = 0; i < volumes.length; i++) {
      volumes[i] = random.nextFloat();
    }
    Path artifact;
    float[] expected;
    try (Model model = PyTorchArtifact.newModel("nodule-cnn", cnn);
        NDManager manager = NDManager.newBaseManager("PyTorch");
        Predictor<NDList, NDList> reference = model.newPredictor(new NoopTranslator(null))) {
      artifact = TestModels.write(directory, "cnn.zip", model, cnn);
      expected =
          reference
              .predict(new NDList(manager.create(volumes, new Shape(3, 1, 16, 16, 16))))
              .singletonOrThrow()
              .toFloatArray();
    }

    try (LoadedModel loaded =
            runtime.load(new ModelRef("nodule-cnn", 1), signature, artifact, ComputeDevice.cpu());
        ModelPredictor predictor = loaded.newPredictor()) {
      Tensor logits =
          predictor.predict(List.of(Tensor.ofFloats(volumes, 3, 1, 16, 16, 16))).getFirst();

      assertThat(logits.shape()).containsExactly(3, 2);
      assertThat(logits.floatData()).containsExactly(expected, within(1e-4f));
    }
  }

  @Test
  void refusesAnArtifactThatIsNotAZipNamingTheModelAndTheExpectedFormat() throws Exception {
    Path garbage = Files.write(directory.resolve("garbage.bin"), new byte[] {1, 2, 3, 4, 5});

    assertThatThrownBy(
            () -> runtime.load(MODEL, TestModels.mlpSignature(), garbage, ComputeDevice.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'fraud-mlp' v3")
        .hasMessageContaining("not a zip archive")
        .hasMessageContaining("architecture.json and parameters.params");
  }

  @Test
  void refusesASignatureThatDoesNotFitTheArchitecture() throws Exception {
    Path artifact = TestModels.mlpArtifact(directory, 1);
    ModelSignature wrong =
        ModelSignature.of(
            TensorSpec.of("features", DataType.FLOAT32, 5),
            TensorSpec.of("logits", DataType.FLOAT32, 2));

    assertThatThrownBy(() -> runtime.load(MODEL, wrong, artifact, ComputeDevice.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'fraud-mlp' v3")
        .hasMessageContaining("float32[5]")
        .hasMessageContaining("takes one input float32[4]");
  }

  @Test
  void refusesParametersThatDoNotBelongToTheDescribedArchitecture() throws Exception {
    MlpArchitecture deeper = new MlpArchitecture(TestModels.FEATURES, List.of(8, 8, 8), 2);
    Path artifact = directory.resolve("mismatched.zip");
    try (Model shallow = PyTorchArtifact.newModel("shallow", TestModels.TINY_MLP);
        OutputStream out = Files.newOutputStream(artifact);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(PyTorchArtifact.ARCHITECTURE_ENTRY));
      zip.write(StratumJson.mapper().writerFor(Architecture.class).writeValueAsBytes(deeper));
      zip.putNextEntry(new ZipEntry(PyTorchArtifact.PARAMETERS_ENTRY));
      DataOutputStream parameters = new DataOutputStream(zip);
      shallow.getBlock().saveParameters(parameters);
      parameters.flush();
      zip.closeEntry();
    }

    assertThatThrownBy(
            () -> runtime.load(MODEL, TestModels.mlpSignature(), artifact, ComputeDevice.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'fraud-mlp' v3")
        .hasMessageContaining(
            "parameters.params does not fit MlpArchitecture[inputs=4, hidden=[8, 8, 8], outputs=2]");
  }

  @Test
  void refusesAGpuItCannotSeeNamingTheNativesToAdd() throws Exception {
    Path artifact = TestModels.mlpArtifact(directory, 1);

    assertThatThrownBy(
            () -> runtime.load(MODEL, TestModels.mlpSignature(), artifact, ComputeDevice.gpu(0)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'fraud-mlp' v3")
        .hasMessageContaining("device gpu0")
        .hasMessageContaining("pytorch-native-cu128");
  }

  @Test
  void writesTheArchitectureAsTypedJson() throws Exception {
    Path artifact = TestModels.mlpArtifact(directory, 2);
    try (var zip = new java.util.zip.ZipFile(artifact.toFile())) {
      String json =
          new String(
              zip.getInputStream(zip.getEntry(PyTorchArtifact.ARCHITECTURE_ENTRY)).readAllBytes());
      assertThat(json).contains("\"type\":\"mlp\"").contains("\"hidden\":[8]");
      assertThat(StratumJson.mapper().readValue(json, Architecture.class))
          .isEqualTo(TestModels.TINY_MLP);
    }
  }
}

package ai.stratum.finance.scoring;

import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.TensorSpec;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelDeployment;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.scoring.internal.TreeEnsemble;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Loads a trained model version (bundle plus artifacts) and deploys both models on the inference
 * core's {@link ModelServer}, which verifies each artifact's sha256 before loading it.
 */
public final class RiskModels {

  /** Where the committed models are on the classpath (the repository's models/finance). */
  public static final String CLASSPATH_DIRECTORY = "models/finance/";

  public static final ModelSignature GBDT_SIGNATURE =
      ModelSignature.of(
          TensorSpec.of("features", DataType.FLOAT32, FeatureEngine.SIZE),
          TensorSpec.of("probability", DataType.FLOAT32, 1));
  public static final ModelSignature MLP_SIGNATURE =
      ModelSignature.of(
          TensorSpec.of("features", DataType.FLOAT32, FeatureEngine.SIZE),
          TensorSpec.of("logit", DataType.FLOAT32, 1));

  private RiskModels() {}

  public static ScoringBundle readBundle(Path directory) {
    try {
      return StratumJson.mapper()
          .readValue(
              Files.readAllBytes(directory.resolve(ScoringBundle.FILE)), ScoringBundle.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + directory.resolve(ScoringBundle.FILE), e);
    }
  }

  /** Deploys the model version stored in {@code directory}. */
  public static RiskModel deploy(
      ModelServer server, Path directory, BatchingSettings batching, Duration timeout) {
    ScoringBundle bundle = readBundle(directory);
    ScoringBundle.Artifact gbdt = bundle.gbdt();
    ScoringBundle.Artifact mlp = bundle.mlp();
    Path gbdtFile = directory.resolve(gbdt.file());
    server.deploy(
        new ModelDeployment(
            new ModelRef(gbdt.model(), gbdt.modelVersion()),
            ModelFramework.XGBOOST,
            GBDT_SIGNATURE,
            gbdtFile,
            gbdt.sha256(),
            batching));
    server.deploy(
        new ModelDeployment(
            new ModelRef(mlp.model(), mlp.modelVersion()),
            ModelFramework.PYTORCH,
            MLP_SIGNATURE,
            directory.resolve(mlp.file()),
            mlp.sha256(),
            batching));
    try {
      TreeEnsemble trees =
          TreeEnsemble.fromXgboostJson(Files.readAllBytes(gbdtFile), StratumJson.mapper());
      return new RiskModel(server, bundle, trees, timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + gbdtFile, e);
    }
  }

  /**
   * Copies the committed model version from the classpath to {@code workDirectory} and deploys it
   * from there (the inference core loads artifacts from files).
   */
  public static RiskModel deployFromClasspath(
      ModelServer server, Path workDirectory, BatchingSettings batching, Duration timeout) {
    try {
      Files.createDirectories(workDirectory);
      copy(ScoringBundle.FILE, workDirectory);
      ScoringBundle bundle = readBundle(workDirectory);
      copy(bundle.gbdt().file(), workDirectory);
      copy(bundle.mlp().file(), workDirectory);
      return deploy(server, workDirectory, batching, timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the finance models to " + workDirectory, e);
    }
  }

  private static void copy(String file, Path directory) throws IOException {
    try (InputStream in =
        RiskModels.class.getClassLoader().getResourceAsStream(CLASSPATH_DIRECTORY + file)) {
      if (in == null) {
        throw new IOException(
            CLASSPATH_DIRECTORY
                + file
                + " is not on the classpath; train with ./stratum train finance");
      }
      Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Loads a trained model version (bundle plus artifacts) and deploys both models on the inference
 * core's {@link ModelServer}, which verifies each artifact's sha256 before loading it. A version
 * travels through the model registry as one {@link ModelFramework#PACKAGE}: a zip of the bundle and
 * both artifacts, so the calibrator, input scaling and risk tables are promoted together with the
 * models they belong to.
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

  /** What a registered package computes as a whole: the calibrated fraud probability. */
  public static final ModelSignature PACKAGE_SIGNATURE =
      ModelSignature.of(
          TensorSpec.of("features", DataType.FLOAT32, FeatureEngine.SIZE),
          TensorSpec.of("probability", DataType.FLOAT32, 1));

  // fixed entry times: the same model version always packs to the same bytes, hence the same sha256
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

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

  /** Deploys the model version stored in {@code directory} under the names its bundle gives. */
  public static RiskModel deploy(
      ModelServer server, Path directory, BatchingSettings batching, Duration timeout) {
    return deploy(server, directory, readBundle(directory), batching, timeout);
  }

  /**
   * Writes the model version stored in {@code directory} (the bundle and the two files it names) as
   * a registry package.
   */
  public static void writePackage(Path directory, OutputStream out) throws IOException {
    ScoringBundle bundle = readBundle(directory);
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String file : List.of(ScoringBundle.FILE, bundle.gbdt().file(), bundle.mlp().file())) {
        ZipEntry entry = new ZipEntry(file);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        Files.copy(directory.resolve(file), zip);
        zip.closeEntry();
      }
    }
  }

  /**
   * Unpacks a registry package into {@code workDirectory} and deploys it as registry version {@code
   * version}: both models are served under names of their own ({@link #servedNames}), so the
   * version can be loaded and warmed while another one still serves, and decisions carry {@code
   * name:version} as their {@code modelVersion}.
   */
  public static RiskModel deployPackage(
      ModelServer server,
      ModelRef version,
      InputStream pack,
      Path workDirectory,
      BatchingSettings batching,
      Duration timeout)
      throws IOException {
    unpack(pack, workDirectory);
    ScoringBundle trained = readBundle(workDirectory);
    List<String> served = servedNames(version);
    ScoringBundle bundle =
        new ScoringBundle(
            version.name() + ":" + version.version(),
            trained.features(),
            rename(trained.gbdt(), served.get(0), version.version()),
            rename(trained.mlp(), served.get(1), version.version()),
            trained.mlpHidden(),
            trained.mlpCenter(),
            trained.mlpScale(),
            trained.calibration(),
            trained.riskTables(),
            trained.metrics(),
            trained.provenance());
    return deploy(server, workDirectory, bundle, batching, timeout);
  }

  /** The names the trees and the MLP of a registry version are served under, in that order. */
  public static List<String> servedNames(ModelRef version) {
    String prefix = version.name() + "-v" + version.version();
    return List.of(prefix + ".gbdt", prefix + ".mlp");
  }

  /**
   * Copies the committed model version from the classpath to {@code workDirectory} and deploys it
   * from there (the inference core loads artifacts from files).
   */
  public static RiskModel deployFromClasspath(
      ModelServer server, Path workDirectory, BatchingSettings batching, Duration timeout) {
    copyFromClasspath(workDirectory);
    return deploy(server, workDirectory, batching, timeout);
  }

  /** Copies the committed model version (bundle and artifacts) to {@code directory}. */
  public static void copyFromClasspath(Path directory) {
    try {
      Files.createDirectories(directory);
      copy(ScoringBundle.FILE, directory);
      ScoringBundle bundle = readBundle(directory);
      copy(bundle.gbdt().file(), directory);
      copy(bundle.mlp().file(), directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the finance models to " + directory, e);
    }
  }

  private static RiskModel deploy(
      ModelServer server,
      Path directory,
      ScoringBundle bundle,
      BatchingSettings batching,
      Duration timeout) {
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

  private static ScoringBundle.Artifact rename(
      ScoringBundle.Artifact artifact, String model, int version) {
    return new ScoringBundle.Artifact(model, version, artifact.file(), artifact.sha256());
  }

  /** Plain file names only: an entry cannot write outside the directory. */
  private static void unpack(InputStream pack, Path directory) throws IOException {
    Files.createDirectories(directory);
    Set<String> names = new HashSet<>();
    try (ZipInputStream zip = new ZipInputStream(pack)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        if (entry.isDirectory()
            || name.contains("/")
            || name.contains("\\")
            || name.startsWith(".")
            || !names.add(name)) {
          throw new IOException("unexpected entry '" + name + "' in a finance model package");
        }
        Files.copy(zip, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!names.contains(ScoringBundle.FILE)) {
      throw new IOException("a finance model package needs " + ScoringBundle.FILE);
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

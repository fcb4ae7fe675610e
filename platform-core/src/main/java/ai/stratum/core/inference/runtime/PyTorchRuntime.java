package ai.stratum.core.inference.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.translate.TranslateException;
import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TensorSpec;
import ai.stratum.core.inference.runtime.internal.PyTorchEngine;
import ai.stratum.core.inference.runtime.internal.TensorTranslator;
import ai.stratum.core.json.StratumJson;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tools.jackson.core.JacksonException;

/** DJL on the PyTorch engine, for artifacts written by {@link PyTorchArtifact}. */
public final class PyTorchRuntime implements ModelRuntime {

  private static final String EXPECTED_ARTIFACT =
      "expected a zip with "
          + PyTorchArtifact.ARCHITECTURE_ENTRY
          + " and "
          + PyTorchArtifact.PARAMETERS_ENTRY
          + " as written by PyTorchArtifact.write";

  /**
   * @param intraOpThreads threads PyTorch may use inside one operator; applies if the engine has
   *     not started yet
   */
  public PyTorchRuntime(int intraOpThreads) {
    PyTorchEngine.configureThreads(intraOpThreads, 1);
  }

  @Override
  public ModelFramework framework() {
    return ModelFramework.PYTORCH;
  }

  @Override
  public LoadedModel load(
      ModelRef model, ModelSignature signature, Path artifact, ComputeDevice device) {
    Engine engine = startEngine(model);
    if (device.isGpu() && engine.getGpuCount() <= device.index()) {
      throw new ModelLoadException(
          model,
          "device "
              + device
              + " was chosen but the PyTorch engine sees "
              + engine.getGpuCount()
              + " GPU(s); expected the CUDA natives ai.djl.pytorch:pytorch-native-cu128, or"
              + " stratum.core.inference.device=cpu");
    }
    try (ZipFile zip = new ZipFile(artifact.toFile())) {
      Architecture architecture = readArchitecture(model, zip);
      requireSignatureFits(model, signature, architecture);
      return new DjlModel(model, loadParameters(model, zip, architecture, device), device);
    } catch (ZipException e) {
      throw new ModelLoadException(model, "artifact is not a zip archive; " + EXPECTED_ARTIFACT, e);
    } catch (IOException e) {
      throw new ModelLoadException(model, "artifact could not be read: " + e.getMessage(), e);
    }
  }

  private static Engine startEngine(ModelRef model) {
    try {
      return PyTorchEngine.start();
    } catch (IllegalStateException e) {
      throw new ModelLoadException(model, e.getMessage(), e);
    }
  }

  private static Architecture readArchitecture(ModelRef model, ZipFile zip) throws IOException {
    ZipEntry entry = requireEntry(model, zip, PyTorchArtifact.ARCHITECTURE_ENTRY);
    try (InputStream in = zip.getInputStream(entry)) {
      return StratumJson.mapper().readValue(in, Architecture.class);
    } catch (JacksonException e) {
      throw new ModelLoadException(
          model,
          PyTorchArtifact.ARCHITECTURE_ENTRY
              + " does not describe a known architecture (mlp, cnn3d): "
              + e.getOriginalMessage(),
          e);
    }
  }

  private static void requireSignatureFits(
      ModelRef model, ModelSignature signature, Architecture architecture) {
    TensorSpec expected =
        new TensorSpec(
            "input",
            DataType.FLOAT32,
            Arrays.stream(architecture.sampleShape().getShape()).boxed().toList());
    if (signature.inputs().size() != 1
        || signature.inputs().getFirst().dataType() != DataType.FLOAT32
        || !signature.inputs().getFirst().shape().equals(expected.shape())) {
      throw new ModelLoadException(
          model,
          "the signature's inputs "
              + signature.inputs().stream().map(TensorSpec::describe).toList()
              + " do not fit the artifact's "
              + architecture.getClass().getSimpleName()
              + ", which takes one input "
              + expected.describe());
    }
  }

  private static Model loadParameters(
      ModelRef model, ZipFile zip, Architecture architecture, ComputeDevice device)
      throws IOException {
    ZipEntry entry = requireEntry(model, zip, PyTorchArtifact.PARAMETERS_ENTRY);
    Model djlModel =
        Model.newInstance(model.name() + "-v" + model.version(), toDjl(device), PyTorchEngine.NAME);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(zip.getInputStream(entry)))) {
      Block block = architecture.newBlock();
      djlModel.setBlock(block);
      block.loadParameters(djlModel.getNDManager(), in);
      return djlModel;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      djlModel.close();
      throw new ModelLoadException(
          model,
          PyTorchArtifact.PARAMETERS_ENTRY
              + " does not fit "
              + architecture
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static ZipEntry requireEntry(ModelRef model, ZipFile zip, String name) {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new ModelLoadException(model, "artifact has no " + name + "; " + EXPECTED_ARTIFACT);
    }
    return entry;
  }

  private static Device toDjl(ComputeDevice device) {
    return device.isGpu() ? Device.gpu(device.index()) : Device.cpu();
  }

  private record DjlModel(ModelRef ref, Model model, ComputeDevice device) implements LoadedModel {

    @Override
    public ModelPredictor newPredictor() {
      Predictor<List<Tensor>, List<Tensor>> predictor =
          model.newPredictor(new TensorTranslator(), toDjl(device));
      return new ModelPredictor() {
        @Override
        public List<Tensor> predict(List<Tensor> batchedInputs) {
          try {
            return predictor.predict(batchedInputs);
          } catch (TranslateException e) {
            throw new IllegalStateException(
                "PyTorch failed on model " + ref + ": " + e.getMessage(), e);
          }
        }

        @Override
        public void close() {
          predictor.close();
        }
      };
    }

    @Override
    public void close() {
      model.close();
    }
  }
}

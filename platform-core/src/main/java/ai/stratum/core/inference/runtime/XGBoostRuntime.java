package ai.stratum.core.inference.runtime;

import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees through XGBoost4J. The signature is one {@code float32[features]} input
 * (missing values as NaN) and one {@code float32[k]} output; every predictor owns its booster.
 */
public final class XGBoostRuntime implements ModelRuntime {

  private static final String EXPECTED_NATIVES =
      "expected libxgboost4j.so from ml.dmlc:xgboost4j_2.12:3.0.4 and libgomp.so.1 on the host";

  private final int threadsPerPredictor;

  /**
   * @param threadsPerPredictor threads one prediction call may use; serving parallelism comes from
   *     the workers
   */
  public XGBoostRuntime(int threadsPerPredictor) {
    if (threadsPerPredictor < 1) {
      throw new IllegalArgumentException("threadsPerPredictor must be >= 1");
    }
    this.threadsPerPredictor = threadsPerPredictor;
  }

  @Override
  public ModelFramework framework() {
    return ModelFramework.XGBOOST;
  }

  @Override
  public LoadedModel load(
      ModelRef model, ModelSignature signature, Path artifact, ComputeDevice device) {
    int features = vectorLength(model, signature.inputs(), "input");
    int scores = vectorLength(model, signature.outputs(), "output");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(artifact);
    } catch (IOException e) {
      throw new ModelLoadException(model, "artifact could not be read: " + e.getMessage(), e);
    }
    Booster probe = loadBooster(model, bytes, device);
    try {
      long boosterFeatures = probe.getNumFeature();
      if (boosterFeatures != features) {
        throw new ModelLoadException(
            model,
            "the booster takes "
                + boosterFeatures
                + " features but the signature's input is "
                + signature.inputs().getFirst().describe());
      }
    } catch (XGBoostError e) {
      throw new ModelLoadException(model, "the booster cannot be inspected: " + e.getMessage(), e);
    } finally {
      probe.dispose();
    }
    return new LoadedModel() {
      @Override
      public ModelPredictor newPredictor() {
        return new BoosterPredictor(model, loadBooster(model, bytes, device), features, scores);
      }

      @Override
      public void close() {
        // each predictor owns and frees its booster; the bytes are garbage collected
      }
    };
  }

  private Booster loadBooster(ModelRef model, byte[] bytes, ComputeDevice device) {
    try {
      Booster booster = XGBoost.loadModel(bytes);
      booster.setParam("nthread", threadsPerPredictor);
      booster.setParam("device", device.isGpu() ? "cuda:" + device.index() : "cpu");
      return booster;
    } catch (XGBoostError | IOException e) {
      throw new ModelLoadException(
          model,
          "artifact is not an XGBoost model (expected the UBJSON or JSON of Booster.toByteArray): "
              + e.getMessage(),
          e);
    } catch (LinkageError e) {
      throw new ModelLoadException(
          model, "XGBoost natives could not be loaded (" + e + "); " + EXPECTED_NATIVES, e);
    }
  }

  private static int vectorLength(ModelRef model, List<TensorSpec> specs, String role) {
    if (specs.size() == 1) {
      TensorSpec spec = specs.getFirst();
      if (spec.dataType() == DataType.FLOAT32
          && spec.shape().size() == 1
          && spec.shape().getFirst() > 0) {
        return Math.toIntExact(spec.shape().getFirst());
      }
    }
    throw new ModelLoadException(
        model,
        "an XGBoost model has one "
            + role
            + " float32[n] with a fixed n, but the signature's "
            + role
            + "s are "
            + specs.stream().map(TensorSpec::describe).toList());
  }

  private record BoosterPredictor(ModelRef model, Booster booster, int features, int scores)
      implements ModelPredictor {

    @Override
    public List<Tensor> predict(List<Tensor> batchedInputs) {
      Tensor input = batchedInputs.getFirst();
      int rows = Math.toIntExact(input.dimension(0));
      float[][] predictions;
      try {
        predictions = booster.inplace_predict(input.floatData(), rows, features, Float.NaN);
      } catch (XGBoostError e) {
        throw new IllegalStateException(
            "XGBoost failed on model " + model + ": " + e.getMessage(), e);
      }
      float[] flat = new float[rows * scores];
      for (int row = 0; row < rows; row++) {
        if (predictions[row].length != scores) {
          throw new IllegalStateException(
              "model "
                  + model
                  + " produced "
                  + predictions[row].length
                  + " scores per row, signature says "
                  + scores);
        }
        System.arraycopy(predictions[row], 0, flat, row * scores, scores);
      }
      return List.of(Tensor.ofFloats(flat, rows, scores));
    }

    @Override
    public void close() {
      booster.dispose();
    }
  }
}

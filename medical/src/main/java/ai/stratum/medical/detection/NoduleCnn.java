package ai.stratum.medical.detection;

import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TensorSpec;
import ai.stratum.core.inference.runtime.ComputeDevice;
import ai.stratum.core.inference.runtime.LoadedModel;
import ai.stratum.core.inference.runtime.ModelPredictor;
import ai.stratum.core.inference.runtime.PyTorchRuntime;
import java.nio.file.Path;
import java.util.List;

/**
 * The nodule CNN loaded with the inference core's PyTorch runtime, for command-line tools
 * (evaluation, benchmark). One predictor: not thread-safe, like DJL's.
 */
public final class NoduleCnn implements PatchClassifier, AutoCloseable {

  public static final String MODEL_NAME = "medical-nodule-cnn";
  private static final int SIDE = PatchClassifier.SIDE;
  private static final int BATCH = 64;

  private final LoadedModel model;
  private final ModelPredictor predictor;

  public NoduleCnn(Path artifact, int version) {
    this.model =
        new PyTorchRuntime(Runtime.getRuntime().availableProcessors())
            .load(new ModelRef(MODEL_NAME, version), signature(), artifact, ComputeDevice.cpu());
    this.predictor = model.newPredictor();
  }

  /** One patch in, one logit out; the batch dimension is added by the runtime. */
  public static ModelSignature signature() {
    return ModelSignature.of(
        TensorSpec.of("patch", DataType.FLOAT32, 1, SIDE, SIDE, SIDE),
        TensorSpec.of("logit", DataType.FLOAT32, 1));
  }

  @Override
  public float[] probabilities(List<float[]> patches) {
    float[] out = new float[patches.size()];
    int voxels = SIDE * SIDE * SIDE;
    for (int start = 0; start < patches.size(); start += BATCH) {
      int n = Math.min(BATCH, patches.size() - start);
      float[] batch = new float[n * voxels];
      for (int i = 0; i < n; i++) {
        System.arraycopy(patches.get(start + i), 0, batch, i * voxels, voxels);
      }
      float[] logits =
          predictor
              .predict(List.of(Tensor.ofFloats(batch, n, 1, SIDE, SIDE, SIDE)))
              .getFirst()
              .floatData();
      for (int i = 0; i < n; i++) {
        out[start + i] = (float) (1 / (1 + Math.exp(-logits[i])));
      }
    }
    return out;
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}

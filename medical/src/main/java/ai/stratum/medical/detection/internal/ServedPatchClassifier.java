package ai.stratum.medical.detection.internal;

import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.inference.serving.Prediction;
import ai.stratum.medical.detection.NoduleCnn;
import ai.stratum.medical.detection.PatchClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The nodule CNN as the inference core serves it: each patch is one request, which the core's
 * dynamic batcher stacks into batches; the production version in the model registry answers, and a
 * promotion swaps it without failing a request.
 */
@Component
public class ServedPatchClassifier implements PatchClassifier {

  private static final int SIDE = PatchClassifier.SIDE;

  private final ObjectProvider<ModelServer> server;

  ServedPatchClassifier(ObjectProvider<ModelServer> server) {
    this.server = server;
  }

  /** Whether a version of the model is deployed; without one detection stays classical. */
  public boolean available() {
    ModelServer models = server.getIfAvailable();
    return models != null && models.served(NoduleCnn.MODEL_NAME).isPresent();
  }

  @Override
  public float[] probabilities(List<float[]> patches) {
    ModelServer models = server.getObject();
    List<CompletableFuture<Prediction>> pending = new ArrayList<>(patches.size());
    for (float[] patch : patches) {
      pending.add(
          models.predict(
              NoduleCnn.MODEL_NAME, List.of(Tensor.ofFloats(patch, 1, SIDE, SIDE, SIDE))));
    }
    float[] out = new float[patches.size()];
    for (int i = 0; i < out.length; i++) {
      float logit = pending.get(i).join().output().floatData()[0];
      out[i] = (float) (1 / (1 + Math.exp(-logit)));
    }
    return out;
  }
}

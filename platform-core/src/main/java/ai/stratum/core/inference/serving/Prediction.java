package ai.stratum.core.inference.serving;

import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.Tensor;
import java.util.List;

/**
 * The answer to one request: the outputs in signature order, and the version that computed them
 * (decisions record it so a score can be traced to its model). From {@link
 * ModelServer#predictBatch} the outputs keep the batch's leading dimension.
 */
public record Prediction(ModelRef model, List<Tensor> outputs) {

  public Prediction {
    outputs = List.copyOf(outputs);
  }

  /** The first output, for the common single-output model. */
  public Tensor output() {
    return outputs.getFirst();
  }
}

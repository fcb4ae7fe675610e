package ai.stratum.core.inference.runtime;

import ai.stratum.core.inference.Tensor;
import java.util.List;

/**
 * Runs batches through a loaded model. Not thread-safe: each worker thread owns one (like DJL's
 * Predictor).
 */
public interface ModelPredictor extends AutoCloseable {

  /**
   * @param batchedInputs one tensor per signature input, samples stacked along a leading batch
   *     dimension
   * @return one tensor per signature output, with the same leading batch dimension
   */
  List<Tensor> predict(List<Tensor> batchedInputs);

  @Override
  void close();
}

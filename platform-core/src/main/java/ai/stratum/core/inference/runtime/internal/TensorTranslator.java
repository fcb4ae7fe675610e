package ai.stratum.core.inference.runtime.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.stratum.core.inference.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds already-batched tensors to a DJL predictor and reads its outputs back; batching is the
 * batcher's job.
 */
public final class TensorTranslator implements NoBatchifyTranslator<List<Tensor>, List<Tensor>> {

  @Override
  public NDList processInput(TranslatorContext context, List<Tensor> inputs) {
    NDList list = new NDList(inputs.size());
    for (Tensor input : inputs) {
      list.add(NdArrays.toNdArray(context.getNDManager(), input));
    }
    return list;
  }

  @Override
  public List<Tensor> processOutput(TranslatorContext context, NDList outputs) {
    List<Tensor> tensors = new ArrayList<>(outputs.size());
    for (NDArray output : outputs) {
      tensors.add(NdArrays.toTensor(output));
    }
    return tensors;
  }
}

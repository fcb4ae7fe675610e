package ai.stratum.core.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a model takes and returns, per sample, in order. */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException(
          "a model signature needs at least one input and one output");
    }
    Set<String> names = new HashSet<>();
    for (TensorSpec spec : inputs) {
      if (!names.add("in:" + spec.name())) {
        throw new IllegalArgumentException("duplicate input name '" + spec.name() + "'");
      }
    }
    for (TensorSpec spec : outputs) {
      if (!names.add("out:" + spec.name())) {
        throw new IllegalArgumentException("duplicate output name '" + spec.name() + "'");
      }
    }
  }

  public static ModelSignature of(TensorSpec input, TensorSpec output) {
    return new ModelSignature(List.of(input), List.of(output));
  }
}

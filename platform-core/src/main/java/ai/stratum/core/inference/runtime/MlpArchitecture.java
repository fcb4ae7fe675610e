package ai.stratum.core.inference.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * A multi-layer perceptron: {@code inputs} features, fully connected hidden layers with ReLU,
 * {@code outputs} raw scores (logits).
 */
public record MlpArchitecture(int inputs, List<Integer> hidden, int outputs)
    implements Architecture {

  public MlpArchitecture {
    hidden = List.copyOf(hidden);
    if (inputs < 1 || outputs < 1 || hidden.stream().anyMatch(units -> units < 1)) {
      throw new IllegalArgumentException(
          "MLP layer sizes must be >= 1: " + inputs + " " + hidden + " " + outputs);
    }
  }

  @Override
  public Block newBlock() {
    SequentialBlock block = new SequentialBlock();
    for (int units : hidden) {
      block.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
    }
    return block.add(Linear.builder().setUnits(outputs).build());
  }

  @Override
  public Shape sampleShape() {
    return new Shape(inputs);
  }
}

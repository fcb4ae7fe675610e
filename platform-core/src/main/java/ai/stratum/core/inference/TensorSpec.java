package ai.stratum.core.inference;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One named input or output of a model, for a single sample (no batch dimension). A dimension of
 * {@code -1} accepts any size; samples of different sizes are never stacked into one batch.
 */
public record TensorSpec(String name, DataType dataType, List<Long> shape) {

  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataType, "dataType");
    shape = List.copyOf(shape);
    for (long dimension : shape) {
      if (dimension < 1 && dimension != -1) {
        throw new IllegalArgumentException(
            "tensor '" + name + "' has dimension " + dimension + "; use a size >= 1 or -1 for any");
      }
    }
  }

  public static TensorSpec of(String name, DataType dataType, long... shape) {
    return new TensorSpec(name, dataType, java.util.Arrays.stream(shape).boxed().toList());
  }

  /** Whether a sample tensor fits this spec. */
  public boolean accepts(Tensor tensor) {
    if (tensor.dataType() != dataType || tensor.rank() != shape.size()) {
      return false;
    }
    for (int i = 0; i < shape.size(); i++) {
      long expected = shape.get(i);
      if (expected != -1 && expected != tensor.dimension(i)) {
        return false;
      }
    }
    return true;
  }

  /** E.g. {@code float32[256]} or {@code float32[1,32,32,32]}; {@code ?} for any size. */
  public String describe() {
    return dataType
        + shape.stream()
            .map(d -> d == -1 ? "?" : Long.toString(d))
            .collect(Collectors.joining(",", "[", "]"));
  }
}

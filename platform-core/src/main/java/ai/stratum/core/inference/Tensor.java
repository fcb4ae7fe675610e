package ai.stratum.core.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A dense, row-major array of one {@link DataType} with a shape. A tensor is immutable by contract:
 * it shares its backing array with the caller instead of copying it (inputs of a 3D CNN are large),
 * so neither side may modify the array after handing it over.
 */
public final class Tensor {

  private final DataType dataType;
  private final long[] shape;
  private final Object data;

  private Tensor(DataType dataType, long[] shape, Object data, int length) {
    this.dataType = dataType;
    this.shape = shape.clone();
    this.data = data;
    long elements = elementCount(this.shape);
    if (elements != length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " holds "
              + elements
              + " elements but "
              + length
              + " were given");
    }
  }

  public static Tensor ofFloats(float[] values, long... shape) {
    return new Tensor(DataType.FLOAT32, shape, values, values.length);
  }

  public static Tensor ofDoubles(double[] values, long... shape) {
    return new Tensor(DataType.FLOAT64, shape, values, values.length);
  }

  public static Tensor ofInts(int[] values, long... shape) {
    return new Tensor(DataType.INT32, shape, values, values.length);
  }

  public static Tensor ofLongs(long[] values, long... shape) {
    return new Tensor(DataType.INT64, shape, values, values.length);
  }

  /** A tensor of zeros, e.g. for warming a model up before it takes traffic. */
  public static Tensor zeros(DataType dataType, long... shape) {
    int length = Math.toIntExact(elementCount(shape));
    return switch (dataType) {
      case FLOAT32 -> ofFloats(new float[length], shape);
      case FLOAT64 -> ofDoubles(new double[length], shape);
      case INT32 -> ofInts(new int[length], shape);
      case INT64 -> ofLongs(new long[length], shape);
    };
  }

  public DataType dataType() {
    return dataType;
  }

  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long dimension(int axis) {
    return shape[axis];
  }

  public long elementCount() {
    return elementCount(shape);
  }

  /** The backing array of a {@code float32} tensor (shared, not copied). */
  public float[] floatData() {
    return (float[]) dataOf(DataType.FLOAT32);
  }

  /** The backing array of a {@code float64} tensor (shared, not copied). */
  public double[] doubleData() {
    return (double[]) dataOf(DataType.FLOAT64);
  }

  /** The backing array of an {@code int32} tensor (shared, not copied). */
  public int[] intData() {
    return (int[]) dataOf(DataType.INT32);
  }

  /** The backing array of an {@code int64} tensor (shared, not copied). */
  public long[] longData() {
    return (long[]) dataOf(DataType.INT64);
  }

  /**
   * Stacks samples of equal type and shape along a new leading batch dimension: n tensors of shape
   * [a,b] become one of shape [n,a,b].
   */
  public static Tensor stack(List<Tensor> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("nothing to stack");
    }
    Tensor first = samples.getFirst();
    if (samples.size() == 1) {
      return first.withShape(prepend(1, first.shape));
    }
    int sampleLength = Math.toIntExact(first.elementCount());
    Object batch = newArray(first.dataType, sampleLength * samples.size());
    for (int i = 0; i < samples.size(); i++) {
      Tensor sample = samples.get(i);
      if (sample.dataType != first.dataType || !Arrays.equals(sample.shape, first.shape)) {
        throw new IllegalArgumentException(
            "cannot stack "
                + sample.describe()
                + " onto "
                + first.describe()
                + ": samples must match");
      }
      System.arraycopy(sample.data, 0, batch, i * sampleLength, sampleLength);
    }
    return new Tensor(
        first.dataType, prepend(samples.size(), first.shape), batch, sampleLength * samples.size());
  }

  /**
   * Splits along the leading dimension: one tensor of shape [n,a,b] becomes n tensors of shape
   * [a,b].
   */
  public List<Tensor> unstack() {
    if (shape.length == 0) {
      throw new IllegalStateException("a scalar has no leading dimension to split");
    }
    int count = Math.toIntExact(shape[0]);
    long[] sampleShape = Arrays.copyOfRange(shape, 1, shape.length);
    if (count == 1) {
      return List.of(withShape(sampleShape));
    }
    int sampleLength = Math.toIntExact(elementCount(sampleShape));
    List<Tensor> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Object sample = newArray(dataType, sampleLength);
      System.arraycopy(data, i * sampleLength, sample, 0, sampleLength);
      samples.add(new Tensor(dataType, sampleShape, sample, sampleLength));
    }
    return samples;
  }

  /** E.g. {@code float32[1,32,32,32]}. */
  public String describe() {
    return dataType
        + Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
  }

  @Override
  public String toString() {
    return "Tensor " + describe();
  }

  private Tensor withShape(long[] newShape) {
    return new Tensor(dataType, newShape, data, Math.toIntExact(elementCount()));
  }

  private Object dataOf(DataType expected) {
    if (dataType != expected) {
      throw new IllegalStateException("tensor is " + describe() + ", not " + expected);
    }
    return data;
  }

  private static long elementCount(long[] shape) {
    long count = 1;
    for (long dimension : shape) {
      if (dimension < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, dimension);
    }
    return count;
  }

  private static long[] prepend(long leading, long[] shape) {
    long[] result = new long[shape.length + 1];
    result[0] = leading;
    System.arraycopy(shape, 0, result, 1, shape.length);
    return result;
  }

  private static Object newArray(DataType dataType, int length) {
    return switch (dataType) {
      case FLOAT32 -> new float[length];
      case FLOAT64 -> new double[length];
      case INT32 -> new int[length];
      case INT64 -> new long[length];
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tensor that
        && dataType == that.dataType
        && Arrays.equals(shape, that.shape)
        && Objects.deepEquals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataType, Arrays.hashCode(shape));
  }
}

package ai.stratum.core.inference.runtime.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.stratum.core.inference.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Copies between engine-agnostic tensors and DJL arrays. */
public final class NdArrays {

  private NdArrays() {}

  public static NDArray toNdArray(NDManager manager, Tensor tensor) {
    Shape shape = new Shape(tensor.shape());
    return switch (tensor.dataType()) {
      case FLOAT32 -> manager.create(FloatBuffer.wrap(tensor.floatData()), shape);
      case FLOAT64 -> manager.create(DoubleBuffer.wrap(tensor.doubleData()), shape);
      case INT32 -> manager.create(IntBuffer.wrap(tensor.intData()), shape);
      case INT64 -> manager.create(LongBuffer.wrap(tensor.longData()), shape);
    };
  }

  /** Types without a tensor counterpart (float16, boolean, ...) come back as float32. */
  public static Tensor toTensor(NDArray array) {
    long[] shape = array.getShape().getShape();
    return switch (array.getDataType()) {
      case FLOAT32 -> Tensor.ofFloats(array.toFloatArray(), shape);
      case FLOAT64 -> Tensor.ofDoubles(array.toDoubleArray(), shape);
      case INT32 -> Tensor.ofInts(array.toIntArray(), shape);
      case INT64 -> Tensor.ofLongs(array.toLongArray(), shape);
      default ->
          Tensor.ofFloats(
              array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(), shape);
    };
  }
}

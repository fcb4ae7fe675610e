package ai.stratum.core.inference.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * A small 3D CNN for volume patches of {@code inputChannels x depth x height x width}: per entry of
 * {@code channels} a 3x3x3 convolution, batch norm, ReLU and 2x2x2 max pooling; then global average
 * pooling and a linear layer to {@code classes} logits.
 */
public record Cnn3dArchitecture(
    int inputChannels, int depth, int height, int width, List<Integer> channels, int classes)
    implements Architecture {

  public Cnn3dArchitecture {
    channels = List.copyOf(channels);
    if (inputChannels < 1
        || depth < 1
        || height < 1
        || width < 1
        || classes < 1
        || channels.isEmpty()) {
      throw new IllegalArgumentException(
          "3D CNN sizes must be >= 1 with at least one convolution stage");
    }
    int downsampling = 1 << channels.size();
    if (depth < downsampling || height < downsampling || width < downsampling) {
      throw new IllegalArgumentException(
          channels.size()
              + " pooling stages need a patch of at least "
              + downsampling
              + " voxels per side");
    }
  }

  @Override
  public Block newBlock() {
    SequentialBlock block = new SequentialBlock();
    for (int filters : channels) {
      block
          .add(
              Conv3d.builder()
                  .setKernelShape(new Shape(3, 3, 3))
                  .optPadding(new Shape(1, 1, 1))
                  .setFilters(filters)
                  .build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2)));
    }
    return block
        .add(Pool.globalAvgPool3dBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(classes).build());
  }

  @Override
  public Shape sampleShape() {
    return new Shape(inputChannels, depth, height, width);
  }
}

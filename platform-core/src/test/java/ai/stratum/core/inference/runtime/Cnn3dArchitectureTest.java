package ai.stratum.core.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Cnn3dArchitectureTest {

  @Test
  void everyStageHalvesThePatchBeforeGlobalPoolingAndTheClassifier() {
    Cnn3dArchitecture cnn = new Cnn3dArchitecture(1, 32, 32, 32, List.of(8, 16), 2);

    SequentialBlock block = (SequentialBlock) cnn.newBlock();
    List<Shape> shapes = new ArrayList<>();
    Shape[] current = {new Shape(4, 1, 32, 32, 32)};
    for (var child : block.getChildren()) {
      Block layer = child.getValue();
      current = layer.getOutputShapes(current);
      shapes.add(current[0]);
    }

    assertThat(shapes)
        .contains(new Shape(4, 8, 16, 16, 16), new Shape(4, 16, 8, 8, 8))
        .last()
        .isEqualTo(new Shape(4, 2));
  }

  @Test
  void refusesAPatchTooSmallForItsPoolingStages() {
    assertThatThrownBy(() -> new Cnn3dArchitecture(1, 4, 32, 32, List.of(8, 16, 32), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("3 pooling stages need a patch of at least 8 voxels per side");
  }
}

package ai.stratum.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void stacksSamplesAlongANewLeadingDimensionAndSplitsThemBack() {
    Tensor a = Tensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor b = Tensor.ofFloats(new float[] {7, 8, 9, 10, 11, 12}, 2, 3);

    Tensor batch = Tensor.stack(List.of(a, b));

    assertThat(batch.shape()).containsExactly(2, 2, 3);
    assertThat(batch.floatData()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(batch.unstack()).containsExactly(a, b);
  }

  @Test
  void stacksEveryDataType() {
    assertThat(
            Tensor.stack(
                    List.of(Tensor.ofLongs(new long[] {1}, 1), Tensor.ofLongs(new long[] {2}, 1)))
                .longData())
        .containsExactly(1, 2);
    assertThat(Tensor.stack(List.of(Tensor.ofInts(new int[] {3}, 1))).shape())
        .containsExactly(1, 1);
    assertThat(
            Tensor.stack(List.of(Tensor.ofDoubles(new double[] {4, 5}, 2)))
                .unstack()
                .getFirst()
                .doubleData())
        .containsExactly(4, 5);
  }

  @Test
  void refusesToStackSamplesOfDifferentShapesOrTypes() {
    Tensor four = Tensor.zeros(DataType.FLOAT32, 4);

    assertThatThrownBy(() -> Tensor.stack(List.of(four, Tensor.zeros(DataType.FLOAT32, 5))))
        .hasMessage("cannot stack float32[5] onto float32[4]: samples must match");
    assertThatThrownBy(() -> Tensor.stack(List.of(four, Tensor.zeros(DataType.INT64, 4))))
        .hasMessage("cannot stack int64[4] onto float32[4]: samples must match");
  }

  @Test
  void refusesAShapeThatDoesNotHoldTheValues() {
    assertThatThrownBy(() -> Tensor.ofFloats(new float[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape [2, 3] holds 6 elements but 5 were given");
  }

  @Test
  void refusesToReadValuesAsTheWrongType() {
    assertThatThrownBy(() -> Tensor.zeros(DataType.INT32, 2).floatData())
        .hasMessage("tensor is int32[2], not float32");
  }

  @Test
  void specsAcceptMatchingShapesAndAnySizeWhereTheDimensionIsFree() {
    TensorSpec patch = TensorSpec.of("patch", DataType.FLOAT32, 1, -1, 32);

    assertThat(patch.accepts(Tensor.zeros(DataType.FLOAT32, 1, 7, 32))).isTrue();
    assertThat(patch.accepts(Tensor.zeros(DataType.FLOAT32, 1, 7, 31))).isFalse();
    assertThat(patch.accepts(Tensor.zeros(DataType.FLOAT64, 1, 7, 32))).isFalse();
    assertThat(patch.accepts(Tensor.zeros(DataType.FLOAT32, 7, 32))).isFalse();
    assertThat(patch.describe()).isEqualTo("float32[1,?,32]");
  }
}

package ai.stratum.medical.detection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast row-wise filters against their definitions, computed voxel by voxel. */
class SeparableFiltersTest {

  private static final int NX = 17;
  private static final int NY = 13;
  private static final int NZ = 11;

  @Test
  void gaussianEqualsTheClampedConvolutionAlongEachAxis() {
    Grid grid = randomGrid(7);
    double sigma = 1.6;
    int radius = (int) Math.ceil(3 * sigma);
    double[] kernel = new double[2 * radius + 1];
    double total = 0;
    for (int k = -radius; k <= radius; k++) {
      kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
      total += kernel[k + radius];
    }

    Grid smooth = grid.gaussian(sigma);

    for (int z = 0; z < NZ; z++) {
      for (int y = 0; y < NY; y++) {
        for (int x = 0; x < NX; x++) {
          double expected = 0;
          for (int a = -radius; a <= radius; a++) {
            for (int b = -radius; b <= radius; b++) {
              for (int c = -radius; c <= radius; c++) {
                expected +=
                    kernel[a + radius]
                        * kernel[b + radius]
                        * kernel[c + radius]
                        / (total * total * total)
                        * grid.at(
                            Math.clamp(x + a, 0, NX - 1),
                            Math.clamp(y + b, 0, NY - 1),
                            Math.clamp(z + c, 0, NZ - 1));
              }
            }
          }
          assertThat((double) smooth.at(x, y, z)).isCloseTo(expected, within(1e-3));
        }
      }
    }
  }

  @Test
  void boxDilationAndErosionMatchTheCubeDefinition() {
    Grid grid = new Grid(NX, NY, NZ);
    SplittableRandom random = new SplittableRandom(3);
    boolean[] in = new boolean[grid.data.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = random.nextDouble() < 0.3;
    }
    int radius = 2;

    for (boolean erode : new boolean[] {false, true}) {
      boolean[] out = LungMask.box(in, grid, radius, erode);
      for (int z = 0; z < NZ; z++) {
        for (int y = 0; y < NY; y++) {
          for (int x = 0; x < NX; x++) {
            boolean any = false;
            boolean all = true;
            for (int c = -radius; c <= radius; c++) {
              for (int b = -radius; b <= radius; b++) {
                for (int a = -radius; a <= radius; a++) {
                  boolean inside = grid.inside(x + a, y + b, z + c);
                  boolean set = inside && in[grid.index(x + a, y + b, z + c)];
                  any |= set;
                  all &= set || !inside;
                }
              }
            }
            assertThat(out[grid.index(x, y, z)])
                .as("%s at %d %d %d", erode ? "erosion" : "dilation", x, y, z)
                .isEqualTo(erode ? all : any);
          }
        }
      }
    }
  }

  private static Grid randomGrid(long seed) {
    Grid grid = new Grid(NX, NY, NZ);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < grid.data.length; i++) {
      grid.data[i] = (float) (random.nextDouble() * 1400 - 1000);
    }
    return grid;
  }
}

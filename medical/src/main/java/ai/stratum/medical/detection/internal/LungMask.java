package ai.stratum.medical.detection.internal;

import java.util.ArrayDeque;
import java.util.stream.IntStream;

/**
 * Lungs as the low-density voxels (below -400 HU) that are not connected, within their slice, to
 * the air around the patient; the search region is the lungs grown by a margin so that nodules on
 * the pleura, which are soft tissue themselves, still lie inside it.
 */
public final class LungMask {

  static final float AIR_THRESHOLD_HU = -400;

  final boolean[] lung;
  final boolean[] outside;
  final long lungVoxels;

  private LungMask(boolean[] lung, boolean[] outside, long lungVoxels) {
    this.lung = lung;
    this.outside = outside;
    this.lungVoxels = lungVoxels;
  }

  static LungMask of(Grid hu) {
    int nx = hu.nx;
    int ny = hu.ny;
    boolean[] outside = new boolean[hu.data.length];
    boolean[] lung = new boolean[hu.data.length];
    long count =
        IntStream.range(0, hu.nz)
            .parallel()
            .mapToLong(z -> {
              int base = z * nx * ny;
              ArrayDeque<Integer> queue = new ArrayDeque<>();
              for (int x = 0; x < nx; x++) {
                seed(hu, outside, queue, base + x);
                seed(hu, outside, queue, base + (ny - 1) * nx + x);
              }
              for (int y = 0; y < ny; y++) {
                seed(hu, outside, queue, base + y * nx);
                seed(hu, outside, queue, base + y * nx + nx - 1);
              }
              while (!queue.isEmpty()) {
                int i = queue.poll();
                int x = (i - base) % nx;
                int y = (i - base) / nx;
                if (x > 0) seed(hu, outside, queue, i - 1);
                if (x < nx - 1) seed(hu, outside, queue, i + 1);
                if (y > 0) seed(hu, outside, queue, i - nx);
                if (y < ny - 1) seed(hu, outside, queue, i + nx);
              }
              long inSlice = 0;
              for (int i = base; i < base + nx * ny; i++) {
                if (!outside[i] && hu.data[i] < AIR_THRESHOLD_HU) {
                  lung[i] = true;
                  inSlice++;
                }
              }
              return inSlice;
            })
            .sum();
    return new LungMask(lung, outside, count);
  }

  private static void seed(Grid hu, boolean[] outside, ArrayDeque<Integer> queue, int i) {
    if (!outside[i] && hu.data[i] < AIR_THRESHOLD_HU) {
      outside[i] = true;
      queue.add(i);
    }
  }

  /**
   * The lungs closed with a cube of {@code 2 * radius + 1} voxels: dents in the lung surface
   * (nodules on the pleura, vessels at the hilum) are filled, the chest wall stays outside.
   */
  boolean[] closed(Grid grid, int radius) {
    boolean[] grown = box(lung, grid, radius, false);
    return box(grown, grid, radius, true);
  }

  /**
   * Dilation (any voxel of the cube set) or erosion (all set) by separable running sums along each
   * axis; voxels beyond the edges count as unset for dilation and set for erosion.
   */
  static boolean[] box(boolean[] in, Grid grid, int radius, boolean erode) {
    boolean[] current = in;
    int[] strides = {1, grid.nx, grid.nx * grid.ny};
    int[] lengths = {grid.nx, grid.ny, grid.nz};
    for (int a = 0; a < 3; a++) {
      int axis = a;
      int stride = strides[axis];
      int length = lengths[axis];
      boolean[] source = current;
      boolean[] out = new boolean[in.length];
      int lines = in.length / length;
      IntStream.range(0, lines)
          .parallel()
          .forEach(line -> {
            int start = lineStart(line, axis, grid);
            int[] prefix = new int[length + 1];
            for (int k = 0; k < length; k++) {
              prefix[k + 1] = prefix[k] + (source[start + k * stride] ? 1 : 0);
            }
            for (int k = 0; k < length; k++) {
              int from = Math.max(0, k - radius);
              int to = Math.min(length - 1, k + radius);
              int set = prefix[to + 1] - prefix[from];
              int beyond = (2 * radius + 1) - (to - from + 1);
              out[start + k * stride] = erode ? set + beyond == 2 * radius + 1 : set > 0;
            }
          });
      current = out;
    }
    return current;
  }

  private static int lineStart(int line, int axis, Grid grid) {
    return switch (axis) {
      case 0 -> line * grid.nx;
      case 1 -> (line / grid.nx) * grid.nx * grid.ny + line % grid.nx;
      default -> line;
    };
  }
}

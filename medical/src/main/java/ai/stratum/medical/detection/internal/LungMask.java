package ai.stratum.medical.detection.internal;

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
              // a flood fill over the slice: a plain int stack, as boxed queues cost more than
              // the fill itself on a 512 x 512 slice
              int[] stack = new int[nx * ny];
              int size = 0;
              for (int x = 0; x < nx; x++) {
                size = seed(hu, outside, stack, size, base + x);
                size = seed(hu, outside, stack, size, base + (ny - 1) * nx + x);
              }
              for (int y = 0; y < ny; y++) {
                size = seed(hu, outside, stack, size, base + y * nx);
                size = seed(hu, outside, stack, size, base + y * nx + nx - 1);
              }
              while (size > 0) {
                int i = stack[--size];
                int x = (i - base) % nx;
                int y = (i - base) / nx;
                if (x > 0) size = seed(hu, outside, stack, size, i - 1);
                if (x < nx - 1) size = seed(hu, outside, stack, size, i + 1);
                if (y > 0) size = seed(hu, outside, stack, size, i - nx);
                if (y < ny - 1) size = seed(hu, outside, stack, size, i + nx);
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

  /** Marks voxel {@code i} outside and pushes it when it is air not yet seen; the new size. */
  private static int seed(Grid hu, boolean[] outside, int[] stack, int size, int i) {
    if (!outside[i] && hu.data[i] < AIR_THRESHOLD_HU) {
      outside[i] = true;
      stack[size] = i;
      return size + 1;
    }
    return size;
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
    for (int axis = 0; axis < 3; axis++) {
      current = boxAxis(current, grid, radius, erode, axis);
    }
    return current;
  }

  /**
   * One axis of {@link #box}: a window of rows slides along the axis, keeping a count per column,
   * so every step reads and writes whole rows in order (along x, the row itself is the line).
   */
  private static boolean[] boxAxis(
      boolean[] source, Grid grid, int radius, boolean erode, int axis) {
    int nx = grid.nx;
    int ny = grid.ny;
    int nz = grid.nz;
    int window = 2 * radius + 1;
    boolean[] out = new boolean[source.length];
    if (axis == 0) {
      IntStream.range(0, ny * nz)
          .parallel()
          .forEach(row -> {
            int start = row * nx;
            int[] prefix = new int[nx + 1];
            for (int k = 0; k < nx; k++) {
              prefix[k + 1] = prefix[k] + (source[start + k] ? 1 : 0);
            }
            for (int k = 0; k < nx; k++) {
              int from = Math.max(0, k - radius);
              int to = Math.min(nx - 1, k + radius);
              out[start + k] = set(prefix[to + 1] - prefix[from], from, to, window, erode);
            }
          });
      return out;
    }
    int length = axis == 1 ? ny : nz;
    int outer = axis == 1 ? nz : ny;
    IntStream.range(0, outer)
        .parallel()
        .forEach(o -> {
          int[] count = new int[nx];
          for (int k = 0; k < Math.min(radius, length - 1) + 1; k++) {
            add(count, source, rowStart(axis, o, k, nx, ny), 1);
          }
          for (int k = 0; k < length; k++) {
            int from = Math.max(0, k - radius);
            int to = Math.min(length - 1, k + radius);
            int start = rowStart(axis, o, k, nx, ny);
            for (int x = 0; x < nx; x++) {
              out[start + x] = set(count[x], from, to, window, erode);
            }
            if (k + radius + 1 < length) {
              add(count, source, rowStart(axis, o, k + radius + 1, nx, ny), 1);
            }
            if (k - radius >= 0) {
              add(count, source, rowStart(axis, o, k - radius, nx, ny), -1);
            }
          }
        });
    return out;
  }

  private static boolean set(int count, int from, int to, int window, boolean erode) {
    int beyond = window - (to - from + 1);
    return erode ? count + beyond == window : count > 0;
  }

  private static void add(int[] count, boolean[] source, int start, int sign) {
    for (int x = 0; x < count.length; x++) {
      count[x] += source[start + x] ? sign : 0;
    }
  }

  /** Where row {@code k} along the axis starts, for the line {@code outer} across it. */
  private static int rowStart(int axis, int outer, int k, int nx, int ny) {
    return axis == 1 ? (outer * ny + k) * nx : (k * ny + outer) * nx;
  }
}

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

  /** The lungs grown by {@code margin} voxels along each axis (a cube), never outside the body. */
  boolean[] searchRegion(Grid hu, int margin) {
    boolean[] region = lung.clone();
    int[] strides = {1, hu.nx, hu.nx * hu.ny};
    int[] lengths = {hu.nx, hu.ny, hu.nz};
    for (int axis = 0; axis < 3; axis++) {
      region = dilate(region, hu, strides[axis], lengths[axis], axis, margin);
    }
    for (int i = 0; i < region.length; i++) {
      region[i] &= !outside[i];
    }
    return region;
  }

  private static boolean[] dilate(
      boolean[] in, Grid grid, int stride, int length, int axis, int margin) {
    boolean[] out = new boolean[in.length];
    for (int i = 0; i < in.length; i++) {
      if (!in[i]) {
        continue;
      }
      int coordinate =
          switch (axis) {
            case 0 -> i % grid.nx;
            case 1 -> (i / grid.nx) % grid.ny;
            default -> i / (grid.nx * grid.ny);
          };
      int from = Math.max(0, coordinate - margin);
      int to = Math.min(length - 1, coordinate + margin);
      for (int c = from; c <= to; c++) {
        out[i + (c - coordinate) * stride] = true;
      }
    }
    return out;
  }
}

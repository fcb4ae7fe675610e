package ai.stratum.medical.detection.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Nodule-sized dents in the lung surface: the soft tissue a small closing of the lung mask fills. A
 * nodule of 3-5 mm on the pleura, on the mediastinum or in the notch between two ribs is a dent a
 * few voxels deep and wide; the flat or gently curved wall is left as it is by the closing, and a
 * rib groove is wider than the closing's cube. Both blob searches miss such nodules, because the
 * wall next to them dominates every filter response.
 */
final class SurfaceDents {

  /**
   * Closing radius in mm: fills dents up to about 7 mm across, so the smallest nodules on the wall
   * are filled and rib grooves (9 mm) stay open.
   */
  static final double CLOSING_MM = 3;

  /** Smallest dent in mm³: the filled part of a 3 mm nodule is about 8 mm³. */
  static final double MIN_VOLUME_MM3 = 6;

  /** Largest dent in mm³; larger nodules on the wall are found by the blob searches. */
  static final double MAX_VOLUME_MM3 = 300;

  /** Largest extent along any axis in mm: a nodule, not a strip of the wall. */
  static final double MAX_EXTENT_MM = 10;

  /** Soft tissue, not the partial-volume rim of the wall: the dent's mean density in HU. */
  static final double MIN_MEAN_HU = -350;

  /** Denser than any soft-tissue nodule: bone is never part of a dent. */
  private static final float BONE_HU = 300;

  /** One dent in the grid's voxel coordinates, with its voxels (grid indices). */
  record Dent(double x, double y, double z, int[] voxels, double meanHu, double sphericity) {}

  private SurfaceDents() {}

  /**
   * The compact soft-tissue dents of {@code lung} (a mask over {@code hu}), largest extent and
   * volume within the limits, in a fixed order (first voxel in grid order).
   */
  static List<Dent> find(Grid hu, boolean[] lung, double spacingMm) {
    int radius = Math.max(1, (int) Math.round(CLOSING_MM / spacingMm));
    boolean[] dent = LungMask.box(LungMask.box(lung, hu, radius, false), hu, radius, true);
    for (int i = 0; i < dent.length; i++) {
      dent[i] = dent[i] && !lung[i] && hu.data[i] < BONE_HU;
    }
    double voxelMm3 = spacingMm * spacingMm * spacingMm;
    int maxVoxels = (int) (MAX_VOLUME_MM3 / voxelMm3);
    int maxExtent = (int) Math.round(MAX_EXTENT_MM / spacingMm);
    List<Dent> dents = new ArrayList<>();
    int[] stack = new int[1024];
    int[] members = new int[maxVoxels + 1];
    for (int start = 0; start < dent.length; start++) {
      if (!dent[start]) {
        continue;
      }
      // a flood fill (26-connected) that clears what it visits; a component larger than the
      // limit is still cleared to the end but no longer recorded
      dent[start] = false;
      int size = 0;
      stack[size++] = start;
      int count = 0;
      int[] low = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
      int[] high = {-1, -1, -1};
      while (size > 0) {
        int i = stack[--size];
        int x = i % hu.nx;
        int y = (i / hu.nx) % hu.ny;
        int z = i / (hu.nx * hu.ny);
        if (count < members.length) {
          members[count] = i;
        }
        count++;
        low[0] = Math.min(low[0], x);
        low[1] = Math.min(low[1], y);
        low[2] = Math.min(low[2], z);
        high[0] = Math.max(high[0], x);
        high[1] = Math.max(high[1], y);
        high[2] = Math.max(high[2], z);
        for (int dz = -1; dz <= 1; dz++) {
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              if (!hu.inside(x + dx, y + dy, z + dz)) {
                continue;
              }
              int j = hu.index(x + dx, y + dy, z + dz);
              if (dent[j]) {
                dent[j] = false;
                if (size == stack.length) {
                  stack = Arrays.copyOf(stack, 2 * size);
                }
                stack[size++] = j;
              }
            }
          }
        }
      }
      int extent = Math.max(high[0] - low[0], Math.max(high[1] - low[1], high[2] - low[2])) + 1;
      if (count * voxelMm3 < MIN_VOLUME_MM3 || count > maxVoxels || extent > maxExtent) {
        continue;
      }
      Dent measured = measure(hu, Arrays.copyOf(members, count));
      if (measured.meanHu() >= MIN_MEAN_HU) {
        dents.add(measured);
      }
    }
    return dents;
  }

  /** Centroid, mean density and sphericity (smallest over largest axis) of the voxels. */
  private static Dent measure(Grid hu, int[] voxels) {
    double[] sums = new double[3];
    double[] moments = new double[6];
    double density = 0;
    for (int i : voxels) {
      double x = i % hu.nx;
      double y = (i / hu.nx) % hu.ny;
      double z = i / (hu.nx * hu.ny);
      sums[0] += x;
      sums[1] += y;
      sums[2] += z;
      moments[0] += x * x;
      moments[1] += y * y;
      moments[2] += z * z;
      moments[3] += x * y;
      moments[4] += x * z;
      moments[5] += y * z;
      density += hu.data[i];
    }
    int n = voxels.length;
    double mx = sums[0] / n;
    double my = sums[1] / n;
    double mz = sums[2] / n;
    double[] covariance = {
      moments[0] / n - mx * mx,
      moments[1] / n - my * my,
      moments[2] / n - mz * mz,
      moments[3] / n - mx * my,
      moments[4] / n - mx * mz,
      moments[5] / n - my * mz
    };
    double[] axes = SymmetricEigen.values(covariance);
    double sphericity = Math.sqrt(Math.max(0, axes[0]) / Math.max(1e-9, axes[2]));
    return new Dent(mx, my, mz, voxels, density / n, sphericity);
  }
}

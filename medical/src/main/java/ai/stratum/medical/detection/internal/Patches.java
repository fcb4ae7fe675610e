package ai.stratum.medical.detection.internal;

import ai.stratum.medical.detection.PatchClassifier;

/** Scale-normalised candidate patches for the {@link PatchClassifier} and their flips. */
public final class Patches {

  private static final int SIDE = PatchClassifier.SIDE;
  private static final double MIN_EXTENT_MM = 20;

  private Patches() {}

  /**
   * The patch around voxel {@code (x, y, z)} for a candidate of {@code diameterMm}, trilinear,
   * edges clamped.
   */
  public static float[] extract(
      Grid hu, double x, double y, double z, double diameterMm, double spacingMm) {
    double extentMm = Math.max(MIN_EXTENT_MM, 3 * diameterMm);
    double step = extentMm / SIDE / spacingMm;
    float[] patch = new float[SIDE * SIDE * SIDE];
    double offset = (SIDE - 1) / 2.0;
    for (int k = 0; k < SIDE; k++) {
      double pz = z + (k - offset) * step;
      for (int j = 0; j < SIDE; j++) {
        double py = y + (j - offset) * step;
        for (int i = 0; i < SIDE; i++) {
          double px = x + (i - offset) * step;
          double value = sample(hu, px, py, pz);
          patch[(k * SIDE + j) * SIDE + i] =
              (float) ((Math.clamp(value, -1000, 400) + 1000) / 1400);
        }
      }
    }
    return patch;
  }

  /** The patch mirrored along the axes whose bit is set in {@code flips} (bit 0 x, 1 y, 2 z). */
  public static float[] flip(float[] patch, int flips) {
    float[] out = new float[patch.length];
    for (int k = 0; k < SIDE; k++) {
      int fk = (flips & 4) != 0 ? SIDE - 1 - k : k;
      for (int j = 0; j < SIDE; j++) {
        int fj = (flips & 2) != 0 ? SIDE - 1 - j : j;
        for (int i = 0; i < SIDE; i++) {
          int fi = (flips & 1) != 0 ? SIDE - 1 - i : i;
          out[(k * SIDE + j) * SIDE + i] = patch[(fk * SIDE + fj) * SIDE + fi];
        }
      }
    }
    return out;
  }

  private static double sample(Grid hu, double x, double y, double z) {
    double cx = Math.clamp(x, 0, hu.nx - 1);
    double cy = Math.clamp(y, 0, hu.ny - 1);
    double cz = Math.clamp(z, 0, hu.nz - 1);
    int x0 = Math.min((int) cx, hu.nx - 2 < 0 ? 0 : hu.nx - 2);
    int y0 = Math.min((int) cy, hu.ny - 2 < 0 ? 0 : hu.ny - 2);
    int z0 = Math.min((int) cz, hu.nz - 2 < 0 ? 0 : hu.nz - 2);
    int x1 = Math.min(x0 + 1, hu.nx - 1);
    int y1 = Math.min(y0 + 1, hu.ny - 1);
    int z1 = Math.min(z0 + 1, hu.nz - 1);
    double fx = cx - x0;
    double fy = cy - y0;
    double fz = cz - z0;
    double c00 = hu.at(x0, y0, z0) * (1 - fx) + hu.at(x1, y0, z0) * fx;
    double c10 = hu.at(x0, y1, z0) * (1 - fx) + hu.at(x1, y1, z0) * fx;
    double c01 = hu.at(x0, y0, z1) * (1 - fx) + hu.at(x1, y0, z1) * fx;
    double c11 = hu.at(x0, y1, z1) * (1 - fx) + hu.at(x1, y1, z1) * fx;
    double c0 = c00 * (1 - fy) + c10 * fy;
    double c1 = c01 * (1 - fy) + c11 * fy;
    return c0 * (1 - fz) + c1 * fz;
  }
}

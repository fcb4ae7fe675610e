package ai.stratum.medical.detection.internal;

/** Eigenvalues of a symmetric 3x3 matrix by the trigonometric (Smith) method. */
final class SymmetricEigen {

  private SymmetricEigen() {}

  /** {@code h} is xx, yy, zz, xy, xz, yz; the result is sorted ascending. */
  static double[] values(double[] h) {
    double a = h[0];
    double b = h[1];
    double c = h[2];
    double d = h[3];
    double e = h[4];
    double f = h[5];
    double offDiagonal = d * d + e * e + f * f;
    if (offDiagonal < 1e-12) {
      double[] diagonal = {a, b, c};
      java.util.Arrays.sort(diagonal);
      return diagonal;
    }
    double q = (a + b + c) / 3;
    double p2 = (a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q) + 2 * offDiagonal;
    double p = Math.sqrt(p2 / 6);
    double b11 = (a - q) / p;
    double b22 = (b - q) / p;
    double b33 = (c - q) / p;
    double b12 = d / p;
    double b13 = e / p;
    double b23 = f / p;
    double determinant =
        b11 * (b22 * b33 - b23 * b23)
            - b12 * (b12 * b33 - b23 * b13)
            + b13 * (b12 * b23 - b22 * b13);
    double r = Math.clamp(determinant / 2, -1, 1);
    double phi = Math.acos(r) / 3;
    double largest = q + 2 * p * Math.cos(phi);
    double smallest = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
    double middle = 3 * q - largest - smallest;
    return new double[] {smallest, middle, largest};
  }
}

package ai.stratum.medical.detection.internal;

import java.util.stream.IntStream;

/**
 * A float voxel grid (column fastest) with the separable filters blob detection needs. Voxels are
 * isotropic: one spacing for every axis.
 */
public final class Grid {

  final int nx;
  final int ny;
  final int nz;
  final float[] data;

  public Grid(int nx, int ny, int nz) {
    this(nx, ny, nz, new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)]);
  }

  Grid(int nx, int ny, int nz, float[] data) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.data = data;
  }

  int index(int x, int y, int z) {
    return (z * ny + y) * nx + x;
  }

  float at(int x, int y, int z) {
    return data[index(x, y, z)];
  }

  boolean inside(int x, int y, int z) {
    return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz;
  }

  /** Gaussian smoothing with standard deviation {@code sigma} voxels, edges clamped. */
  Grid gaussian(double sigma) {
    float[] kernel = kernel(sigma);
    Grid x = new Grid(nx, ny, nz);
    convolve(this, x, kernel, 0);
    Grid y = new Grid(nx, ny, nz);
    convolve(x, y, kernel, 1);
    convolve(y, x, kernel, 2);
    return x;
  }

  /**
   * Scale-normalised negative Laplacian: positive at the centre of bright blobs, largest when sigma
   * matches the blob's radius / sqrt(3).
   */
  Grid negativeLaplacian(double sigma) {
    Grid out = new Grid(nx, ny, nz);
    float norm = (float) (sigma * sigma);
    for (int z = 1; z < nz - 1; z++) {
      for (int y = 1; y < ny - 1; y++) {
        int row = index(0, y, z);
        for (int x = 1; x < nx - 1; x++) {
          int i = row + x;
          float centre = data[i];
          float sum =
              data[i - 1]
                  + data[i + 1]
                  + data[i - nx]
                  + data[i + nx]
                  + data[i - nx * ny]
                  + data[i + nx * ny];
          out.data[i] = norm * (6 * centre - sum);
        }
      }
    }
    return out;
  }

  /**
   * The Hessian at a voxel (central differences): xx, yy, zz, xy, xz, yz. Callers keep one voxel
   * away from the edges.
   */
  double[] hessian(int x, int y, int z) {
    int i = index(x, y, z);
    int sy = nx;
    int sz = nx * ny;
    double c = data[i];
    double xx = data[i + 1] - 2 * c + data[i - 1];
    double yy = data[i + sy] - 2 * c + data[i - sy];
    double zz = data[i + sz] - 2 * c + data[i - sz];
    double xy = (data[i + 1 + sy] - data[i + 1 - sy] - data[i - 1 + sy] + data[i - 1 - sy]) / 4;
    double xz = (data[i + 1 + sz] - data[i + 1 - sz] - data[i - 1 + sz] + data[i - 1 - sz]) / 4;
    double yz = (data[i + sy + sz] - data[i + sy - sz] - data[i - sy + sz] + data[i - sy - sz]) / 4;
    return new double[] {xx, yy, zz, xy, xz, yz};
  }

  private static float[] kernel(double sigma) {
    int radius = Math.max(1, (int) Math.ceil(3 * sigma));
    float[] kernel = new float[2 * radius + 1];
    double sum = 0;
    for (int k = -radius; k <= radius; k++) {
      double w = Math.exp(-(k * k) / (2 * sigma * sigma));
      kernel[k + radius] = (float) w;
      sum += w;
    }
    for (int k = 0; k < kernel.length; k++) {
      kernel[k] /= (float) sum;
    }
    return kernel;
  }

  private static void convolve(Grid source, Grid target, float[] kernel, int axis) {
    int nx = source.nx;
    int ny = source.ny;
    int nz = source.nz;
    int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
    int length = axis == 0 ? nx : axis == 1 ? ny : nz;
    int outer = axis == 2 ? ny : nz;
    int inner = axis == 0 ? ny : nx;
    IntStream.range(0, outer)
        .parallel()
        .forEach(o -> {
          int radius = kernel.length / 2;
          float[] line = new float[length + 2 * radius];
          for (int n = 0; n < inner; n++) {
            int start =
                switch (axis) {
                  case 0 -> (o * ny + n) * nx;
                  case 1 -> o * nx * ny + n;
                  default -> o * nx + n;
                };
            for (int k = 0; k < line.length; k++) {
              line[k] = source.data[start + Math.clamp(k - radius, 0, length - 1) * stride];
            }
            for (int k = 0; k < length; k++) {
              float sum = 0;
              for (int t = 0; t < kernel.length; t++) {
                sum += kernel[t] * line[k + t];
              }
              target.data[start + k * stride] = sum;
            }
          }
        });
  }
}

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

  /** The box of {@code sx * sy * sz} voxels from {@code (x0, y0, z0)}. */
  Grid crop(int x0, int y0, int z0, int sx, int sy, int sz) {
    Grid out = new Grid(sx, sy, sz);
    IntStream.range(0, sz)
        .parallel()
        .forEach(z -> {
          for (int y = 0; y < sy; y++) {
            System.arraycopy(data, index(x0, y0 + y, z0 + z), out.data, out.index(0, y, z), sx);
          }
        });
    return out;
  }

  /**
   * Half the resolution along every axis: each voxel the mean of a 2 x 2 x 2 block (the last one of
   * an odd axis repeated), for the coarse scales of a blob search.
   */
  Grid halved() {
    Grid out = new Grid((nx + 1) / 2, (ny + 1) / 2, (nz + 1) / 2);
    IntStream.range(0, out.nz)
        .parallel()
        .forEach(z -> {
          int z0 = 2 * z;
          int z1 = Math.min(z0 + 1, nz - 1);
          for (int y = 0; y < out.ny; y++) {
            int y0 = 2 * y;
            int y1 = Math.min(y0 + 1, ny - 1);
            for (int x = 0; x < out.nx; x++) {
              int x0 = 2 * x;
              int x1 = Math.min(x0 + 1, nx - 1);
              out.data[out.index(x, y, z)] =
                  (at(x0, y0, z0)
                          + at(x1, y0, z0)
                          + at(x0, y1, z0)
                          + at(x1, y1, z0)
                          + at(x0, y0, z1)
                          + at(x1, y0, z1)
                          + at(x0, y1, z1)
                          + at(x1, y1, z1))
                      / 8;
            }
          }
        });
    return out;
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
    IntStream.range(1, Math.max(1, nz - 1))
        .parallel()
        .forEach(z -> {
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
        });
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

  /**
   * One axis of a separable convolution with a symmetric kernel, edges clamped. Whole rows are
   * weighted and summed (along x a padded copy of the row shifted by each tap), so memory is read
   * in order, the inner loops vectorise, and mirrored taps share one multiplication.
   */
  private static void convolve(Grid source, Grid target, float[] kernel, int axis) {
    int nx = source.nx;
    int ny = source.ny;
    int nz = source.nz;
    int radius = kernel.length / 2;
    IntStream.range(0, nz)
        .parallel()
        .forEach(z -> {
          float[] line = axis == 0 ? new float[nx + 2 * radius] : null;
          for (int y = 0; y < ny; y++) {
            int out = (z * ny + y) * nx;
            if (line != null) {
              for (int k = 0; k < line.length; k++) {
                line[k] = source.data[out + Math.clamp(k - radius, 0, nx - 1)];
              }
              float centre = kernel[radius];
              for (int x = 0; x < nx; x++) {
                target.data[out + x] = centre * line[x + radius];
              }
              for (int t = 1; t <= radius; t++) {
                float weight = kernel[radius + t];
                int before = radius - t;
                int after = radius + t;
                for (int x = 0; x < nx; x++) {
                  target.data[out + x] += weight * (line[x + before] + line[x + after]);
                }
              }
              continue;
            }
            float centre = kernel[radius];
            for (int x = 0; x < nx; x++) {
              target.data[out + x] = centre * source.data[out + x];
            }
            for (int t = 1; t <= radius; t++) {
              int before =
                  axis == 1
                      ? (z * ny + Math.max(y - t, 0)) * nx
                      : (Math.max(z - t, 0) * ny + y) * nx;
              int after =
                  axis == 1
                      ? (z * ny + Math.min(y + t, ny - 1)) * nx
                      : (Math.min(z + t, nz - 1) * ny + y) * nx;
              float weight = kernel[radius + t];
              for (int x = 0; x < nx; x++) {
                target.data[out + x] += weight * (source.data[before + x] + source.data[after + x]);
              }
            }
          }
        });
  }
}

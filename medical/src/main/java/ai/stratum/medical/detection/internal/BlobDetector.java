package ai.stratum.medical.detection.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Classical nodule detection on an isotropic HU grid: lung mask, multi-scale Laplacian-of-Gaussian
 * blob candidates (scale-normalised, one scale per nodule size), a Hessian shape test that rejects
 * vessels (tubes) and the pleura (plates), region growing for size and density, 3D non-maximum
 * suppression.
 */
public final class BlobDetector {

  /** Lung parenchyma density the contrast of a candidate is measured against. */
  private static final float LUNG_HU = -860;

  /** Solid nodules are soft tissue; ground-glass ones stay well below it. */
  private static final double SOLID_MEAN_HU = -380;

  /** Closing radius of the lung mask: larger than the largest nodule on the pleura. */
  private static final double CLOSING_MM = 16;

  private final double[] radiiMm;
  private final double minContrastHu;
  private final double minBlobness;
  private final double minDiameterMm;

  public BlobDetector(
      double[] radiiMm, double minContrastHu, double minBlobness, double minDiameterMm) {
    this.radiiMm = radiiMm.clone();
    this.minContrastHu = minContrastHu;
    this.minBlobness = minBlobness;
    this.minDiameterMm = minDiameterMm;
  }

  /** What was found; voxel coordinates are in the grid given to {@link #detect}. */
  public record Blob(
      double x,
      double y,
      double z,
      double diameterMm,
      double volumeMm3,
      double meanHu,
      boolean solid,
      double probability,
      double uncertainty,
      Shape shape) {}

  /**
   * What the score is made of: blob filter strength (HU of contrast), Hessian blobness, sphericity
   * of the grown region (smallest over largest axis) and how much of it ran into the growth limit.
   */
  public record Shape(double strength, double blobness, double sphericity, double leak) {}

  /** The outcome: lung volume (to tell a chest from anything else) and the blobs. */
  public record Result(double lungVolumeMl, List<Blob> blobs) {}

  public static Grid grid(int nx, int ny, int nz, short[] hounsfield) {
    float[] data = new float[hounsfield.length];
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.clamp(hounsfield[i], -1000, 400);
    }
    return new Grid(nx, ny, nz, data);
  }

  public Result detect(Grid hu, double spacingMm) {
    LungMask mask = LungMask.of(hu);
    double voxelMm3 = spacingMm * spacingMm * spacingMm;
    double lungMl = mask.lungVoxels * voxelMm3 / 1000;
    if (mask.lungVoxels == 0) {
      return new Result(0, List.of());
    }
    boolean[] region = mask.closed(hu, (int) Math.ceil(CLOSING_MM / spacingMm));
    List<Candidate> candidates = new ArrayList<>();
    for (double radius : radiiMm) {
      double sigma = radius / Math.sqrt(3) / spacingMm;
      if (sigma < 0.7) {
        continue;
      }
      Grid smooth = hu.gaussian(sigma);
      Grid response = smooth.negativeLaplacian(sigma);
      candidates.addAll(maxima(hu, smooth, response, region, sigma, radius));
    }
    candidates.sort(Comparator.comparingDouble((Candidate c) -> c.score).reversed());
    List<Blob> measured = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (suppressed(
          candidate.x, candidate.y, candidate.z, candidate.radiusMm, measured, spacingMm)) {
        continue;
      }
      Blob blob = measure(hu, region, candidate, spacingMm);
      if (blob != null && blob.diameterMm() >= minDiameterMm) {
        measured.add(blob);
      }
    }
    measured.sort(Comparator.comparingDouble(Blob::probability).reversed());
    List<Blob> blobs = new ArrayList<>();
    for (Blob blob : measured) {
      if (!suppressed(blob.x(), blob.y(), blob.z(), blob.diameterMm() / 2, blobs, spacingMm)) {
        blobs.add(blob);
      }
    }
    return new Result(lungMl, blobs);
  }

  private List<Candidate> maxima(
      Grid hu, Grid smooth, Grid response, boolean[] region, double sigma, double radiusMm) {
    List<Candidate> found = new ArrayList<>();
    int nx = hu.nx;
    int ny = hu.ny;
    int border = 2;
    for (int z = border; z < hu.nz - border; z++) {
      for (int y = border; y < ny - border; y++) {
        for (int x = border; x < nx - border; x++) {
          int i = hu.index(x, y, z);
          float value = response.data[i];
          if (!region[i] || value <= 0 || !isLocalMaximum(response, x, y, z, value)) {
            continue;
          }
          float contrast = smooth.data[i] - LUNG_HU;
          // the normalised LoG of a ball matched in scale is about a fifth of its contrast
          double strength = value / 0.2;
          if (strength < minContrastHu || contrast < minContrastHu * 0.3) {
            continue;
          }
          double blobness = blobness(smooth.hessian(x, y, z));
          if (blobness < minBlobness) {
            continue;
          }
          double score = Math.min(1, strength / 900) * 0.5 + blobness * 0.5;
          found.add(new Candidate(x, y, z, radiusMm, sigma, strength, blobness, score));
        }
      }
    }
    return found;
  }

  private static boolean isLocalMaximum(Grid response, int x, int y, int z, float value) {
    for (int dz = -1; dz <= 1; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if ((dx != 0 || dy != 0 || dz != 0) && response.at(x + dx, y + dy, z + dz) > value) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * How ball-like the local shape is: the smallest over the largest magnitude of the Hessian's
   * eigenvalues when all are negative (a bright blob), 0 for tubes, plates and dark spots.
   */
  static double blobness(double[] h) {
    double[] eigen = SymmetricEigen.values(h);
    if (eigen[0] >= 0 || eigen[1] >= 0 || eigen[2] >= 0) {
      return 0;
    }
    double smallest = Math.min(-eigen[0], Math.min(-eigen[1], -eigen[2]));
    double largest = Math.max(-eigen[0], Math.max(-eigen[1], -eigen[2]));
    return smallest / largest;
  }

  /** 3D non-maximum suppression: a blob within another's radius of it is the same nodule. */
  private static boolean suppressed(
      double x, double y, double z, double radiusMm, List<Blob> kept, double spacingMm) {
    for (Blob other : kept) {
      double distanceMm =
          spacingMm
              * Math.sqrt(square(x - other.x()) + square(y - other.y()) + square(z - other.z()));
      if (distanceMm < Math.max(other.diameterMm() / 2, radiusMm) + spacingMm) {
        return true;
      }
    }
    return false;
  }

  /**
   * Grows the nodule from the brightest voxel near the candidate, at half way between its density
   * and the lung's, within a sphere of twice the candidate's radius so vessels and the chest wall
   * cannot drag it away.
   */
  private @Nullable Blob measure(Grid hu, boolean[] region, Candidate candidate, double spacingMm) {
    int seed = brightest(hu, candidate.x, candidate.y, candidate.z);
    int sx = seed % hu.nx;
    int sy = (seed / hu.nx) % hu.ny;
    int sz = seed / (hu.nx * hu.ny);
    double core = mean(hu, sx, sy, sz);
    if (core - LUNG_HU < minContrastHu * 0.5) {
      return null;
    }
    double threshold = (core + LUNG_HU) / 2;
    double limit = 2 * candidate.radiusMm / spacingMm + 1.5;
    BitSet visited = new BitSet(hu.data.length);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(seed);
    visited.set(seed);
    long count = 0;
    long atLimit = 0;
    double[] moments = new double[6];
    double cx = 0;
    double cy = 0;
    double cz = 0;
    double sum = 0;
    int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    while (!queue.isEmpty()) {
      int i = queue.poll();
      int x = i % hu.nx;
      int y = (i / hu.nx) % hu.ny;
      int z = i / (hu.nx * hu.ny);
      count++;
      cx += x;
      cy += y;
      cz += z;
      sum += hu.data[i];
      moments[0] += (double) x * x;
      moments[1] += (double) y * y;
      moments[2] += (double) z * z;
      moments[3] += (double) x * y;
      moments[4] += (double) x * z;
      moments[5] += (double) y * z;
      for (int[] step : steps) {
        int px = x + step[0];
        int py = y + step[1];
        int pz = z + step[2];
        if (!hu.inside(px, py, pz)) {
          continue;
        }
        int j = hu.index(px, py, pz);
        if (visited.get(j) || hu.data[j] < threshold || !region[j]) {
          continue;
        }
        double d2 = square(px - sx) + square(py - sy) + square(pz - sz);
        if (d2 > limit * limit) {
          atLimit++;
          continue;
        }
        visited.set(j);
        queue.add(j);
      }
    }
    double volumeMm3 = count * spacingMm * spacingMm * spacingMm;
    double diameterMm = 2 * Math.cbrt(3 * volumeMm3 / (4 * Math.PI));
    double meanHu = sum / count;
    double mx = cx / count;
    double my = cy / count;
    double mz = cz / count;
    double[] covariance = {
      moments[0] / count - mx * mx,
      moments[1] / count - my * my,
      moments[2] / count - mz * mz,
      moments[3] / count - mx * my,
      moments[4] / count - mx * mz,
      moments[5] / count - my * mz
    };
    double[] axes = SymmetricEigen.values(covariance);
    double sphericity = count < 8 ? 0 : Math.sqrt(Math.max(0, axes[0]) / Math.max(1e-9, axes[2]));
    double leak = (double) atLimit / Math.max(1, count);
    Shape shape = new Shape(candidate.strength, candidate.blobness, sphericity, leak);
    double probability = probability(shape);
    double uncertainty = shiftedSpread(hu, candidate, shape, probability);
    return new Blob(
        mx,
        my,
        mz,
        diameterMm,
        volumeMm3,
        meanHu,
        meanHu > SOLID_MEAN_HU,
        probability,
        uncertainty,
        shape);
  }

  /**
   * A logistic score on contrast strength and ball shape, centred where the strength reaches the
   * configured minimum contrast; not calibrated against data.
   */
  private double probability(Shape shape) {
    double logit =
        2 * Math.log(shape.strength() / minContrastHu)
            + 4 * (shape.blobness() - minBlobness)
            + 6 * (shape.sphericity() - 0.5)
            - 8 * shape.leak();
    return 1 / (1 + Math.exp(-logit));
  }

  /**
   * Test-time augmentation for the classical score: the standard deviation of the probability when
   * the candidate is re-scored one voxel off centre along each axis (seven evaluations).
   */
  private double shiftedSpread(Grid hu, Candidate candidate, Shape shape, double centre) {
    Grid patch = patch(hu, candidate);
    int c = patch.nx / 2;
    double sigma = candidate.sigma;
    Grid smooth = patch.gaussian(sigma);
    Grid response = smooth.negativeLaplacian(sigma);
    double sum = centre;
    double sumSquares = centre * centre;
    int n = 1;
    int[][] shifts = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (int[] shift : shifts) {
      int x = c + shift[0];
      int y = c + shift[1];
      int z = c + shift[2];
      double strength = Math.max(1e-3, response.at(x, y, z) / 0.2);
      double p =
          probability(
              new Shape(
                  strength, blobness(smooth.hessian(x, y, z)), shape.sphericity(), shape.leak()));
      sum += p;
      sumSquares += p * p;
      n++;
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
  }

  /** A cube around the candidate, large enough for its Gaussian, edges clamped. */
  private static Grid patch(Grid hu, Candidate candidate) {
    int half = (int) Math.ceil(3 * candidate.sigma) + 3;
    int size = 2 * half + 1;
    Grid patch = new Grid(size, size, size);
    for (int z = 0; z < size; z++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int gx = Math.clamp(candidate.x - half + x, 0, hu.nx - 1);
          int gy = Math.clamp(candidate.y - half + y, 0, hu.ny - 1);
          int gz = Math.clamp(candidate.z - half + z, 0, hu.nz - 1);
          patch.data[patch.index(x, y, z)] = hu.at(gx, gy, gz);
        }
      }
    }
    return patch;
  }

  private static int brightest(Grid hu, int x, int y, int z) {
    int best = hu.index(x, y, z);
    for (int dz = -1; dz <= 1; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if (hu.inside(x + dx, y + dy, z + dz)) {
            int i = hu.index(x + dx, y + dy, z + dz);
            if (mean(hu, x + dx, y + dy, z + dz) > mean(hu, best)) {
              best = i;
            }
          }
        }
      }
    }
    return best;
  }

  private static double mean(Grid hu, int index) {
    return mean(hu, index % hu.nx, (index / hu.nx) % hu.ny, index / (hu.nx * hu.ny));
  }

  /** Mean of the 3x3x3 neighbourhood, which averages out scanner noise at the seed. */
  private static double mean(Grid hu, int x, int y, int z) {
    double sum = 0;
    int n = 0;
    for (int dz = -1; dz <= 1; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if (hu.inside(x + dx, y + dy, z + dz)) {
            sum += hu.at(x + dx, y + dy, z + dz);
            n++;
          }
        }
      }
    }
    return sum / n;
  }

  private static double square(double v) {
    return v * v;
  }

  private record Candidate(
      int x,
      int y,
      int z,
      double radiusMm,
      double sigma,
      double strength,
      double blobness,
      double score) {}
}

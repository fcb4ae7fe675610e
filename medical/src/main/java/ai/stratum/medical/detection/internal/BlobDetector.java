package ai.stratum.medical.detection.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Classical nodule detection on an isotropic HU grid: lung mask, multi-scale Laplacian-of-Gaussian
 * blob candidates (scale-normalised, one scale per nodule size), a Hessian shape test that rejects
 * vessels (tubes) and the pleura (plates), a second small-scale search for nodules on the chest
 * wall or a rib with the wall flattened, nodule-sized dents of the lung surface ({@link
 * SurfaceDents}), region growing for size and density, 3D non-maximum suppression.
 */
public final class BlobDetector {

  /** Lung parenchyma density the contrast of a candidate is measured against. */
  private static final float LUNG_HU = -860;

  /** Solid nodules are soft tissue; ground-glass ones stay well below it. */
  private static final double SOLID_MEAN_HU = -380;

  /** Closing radius of the lung mask: larger than the largest nodule on the pleura. */
  private static final double CLOSING_MM = 16;

  /**
   * Scales from this sigma (voxels) up are searched at half resolution: the normalised LoG and the
   * Hessian's eigenvalue ratio do not depend on the voxel size, and a coarse blob is still several
   * voxels across there, at an eighth of the voxels and half the kernel.
   */
  private static final double COARSE_SIGMA = 5;

  /** Wall bumps are searched for below this sigma (voxels): nodules up to 7 mm. */
  private static final double WALL_SIGMA = 2.5;

  /** A wall bump is soft tissue: its grown region averages above this. */
  private static final double BUMP_MIN_MEAN_HU = -400;

  /** A wall bump is compact: at most this share of its region reaches the growth limit. */
  private static final double BUMP_MAX_LEAK = 0.1;

  /** Denser than any soft-tissue nodule: bone (calcified nodules are benign). */
  private static final float BONE_HU = 300;

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
      Shape shape) {

    /** The same blob in a grid whose origin lies (dx, dy, dz) voxels before this one's. */
    Blob shifted(double dx, double dy, double dz) {
      return new Blob(
          x + dx,
          y + dy,
          z + dz,
          diameterMm,
          volumeMm3,
          meanHu,
          solid,
          probability,
          uncertainty,
          shape);
    }
  }

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
    return detect(hu, spacingMm, new LinkedHashMap<>());
  }

  /**
   * Detects and adds the wall seconds of each stage ({@code lung mask}, {@code candidates}, {@code
   * measure+nms}) to {@code stageSeconds}.
   */
  public Result detect(Grid hu, double spacingMm, Map<String, Double> stageSeconds) {
    long started = System.nanoTime();
    LungMask mask = LungMask.of(hu);
    double voxelMm3 = spacingMm * spacingMm * spacingMm;
    double lungMl = mask.lungVoxels * voxelMm3 / 1000;
    if (mask.lungVoxels == 0) {
      return new Result(0, List.of());
    }
    boolean[] region = mask.closed(hu, (int) Math.ceil(CLOSING_MM / spacingMm));
    started = lap(stageSeconds, "lung mask", started);
    double[] sigmas =
        Arrays.stream(radiiMm)
            .map(r -> r / Math.sqrt(3) / spacingMm)
            .filter(s -> s >= 0.7)
            .toArray();
    // each level's box reaches as far as its widest Gaussian (in full-grid voxels)
    double fineReach = Arrays.stream(sigmas).filter(s -> s < COARSE_SIGMA).max().orElse(0);
    double coarseReach = Arrays.stream(sigmas).max().orElse(0);
    SearchRegion search = SearchRegion.of(hu, region, (int) Math.ceil(3 * fineReach) + 2);
    if (search == null) {
      return new Result(lungMl, List.of());
    }
    List<Candidate> candidates = new ArrayList<>();
    SearchRegion coarse = null;
    for (double radius : radiiMm) {
      double sigma = radius / Math.sqrt(3) / spacingMm;
      if (sigma < 0.7) {
        continue;
      }
      SearchRegion level = search;
      if (sigma >= COARSE_SIGMA) {
        coarse =
            coarse == null
                ? SearchRegion.of(hu, region, (int) Math.ceil(3 * coarseReach) + 2).halved()
                : coarse;
        level = coarse;
      }
      double levelSigma = sigma / level.factor;
      Grid smooth = level.grid.gaussian(levelSigma);
      Grid response = smooth.negativeLaplacian(levelSigma);
      candidates.addAll(maxima(level, smooth, response, sigma, radius));
    }
    candidates.sort(Comparator.comparingDouble((Candidate c) -> c.score).reversed());
    started = lap(stageSeconds, "candidates", started);
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
    started = lap(stageSeconds, "measure+nms", started);
    List<Blob> bumps = wallBumps(search, spacingMm, measured);
    measured.addAll(bumps);
    measured.addAll(dents(search, search.crop(mask.lung, hu), spacingMm));
    started = lap(stageSeconds, "candidates", started);
    measured.sort(Comparator.comparingDouble(Blob::probability).reversed());
    List<Blob> blobs = new ArrayList<>();
    for (Blob blob : measured) {
      if (!suppressed(blob.x(), blob.y(), blob.z(), blob.diameterMm() / 2, blobs, spacingMm)) {
        blobs.add(blob);
      }
    }
    lap(stageSeconds, "measure+nms", started);
    return new Result(lungMl, blobs);
  }

  /**
   * Small nodules against the chest wall or a rib are bumps on a bright wall, not blobs, so the
   * small scales are searched once more with everything outside the closed lungs, and bone, set to
   * lung density; only maxima next to what was flattened count (the first search covers the rest),
   * and they are measured on the flattened image so the wall does not join the nodule.
   */
  private List<Blob> wallBumps(SearchRegion search, double spacingMm, List<Blob> found) {
    SearchRegion flat = search.flattened();
    List<Candidate> bumps = new ArrayList<>();
    for (double radius : radiiMm) {
      double sigma = radius / Math.sqrt(3) / spacingMm;
      if (sigma < 0.7 || sigma >= WALL_SIGMA) {
        continue;
      }
      Grid smooth = flat.grid.gaussian(sigma);
      Grid response = smooth.negativeLaplacian(sigma);
      int reach = (int) Math.ceil(radius / spacingMm) + 2;
      for (Candidate candidate : maxima(flat, smooth, response, sigma, radius)) {
        if (search.nearWall(candidate.x, candidate.y, candidate.z, reach)) {
          bumps.add(candidate);
        }
      }
    }
    bumps.sort(Comparator.comparingDouble((Candidate c) -> c.score).reversed());
    List<Blob> kept = new ArrayList<>(found);
    List<Blob> added = new ArrayList<>();
    for (Candidate candidate : bumps) {
      if (suppressed(
          candidate.x + search.x0,
          candidate.y + search.y0,
          candidate.z + search.z0,
          candidate.radiusMm,
          kept,
          spacingMm)) {
        continue;
      }
      Blob blob = measure(flat.grid, flat.region, candidate, spacingMm);
      // a soft-tissue nodule stands alone once the wall is flattened; the partial-volume rim of
      // the lung surface and rib edges are faint and run on past the growth limit
      if (blob != null
          && blob.diameterMm() >= minDiameterMm
          && blob.meanHu() >= BUMP_MIN_MEAN_HU
          && blob.shape().leak() <= BUMP_MAX_LEAK) {
        Blob placed = blob.shifted(search.x0, search.y0, search.z0);
        kept.add(placed);
        added.add(placed);
      }
    }
    return added;
  }

  /**
   * Small nodules in dents of the lung surface ({@link SurfaceDents}): each is measured on a copy
   * of its surroundings where only the lungs and the dent keep their density, so it is grown and
   * scored as the ball it is rather than as part of the wall next to it. Overlaps with the other
   * searches' blobs are left to the final suppression, which keeps the more probable.
   */
  private List<Blob> dents(SearchRegion search, boolean[] lung, double spacingMm) {
    List<Blob> added = new ArrayList<>();
    for (SurfaceDents.Dent dent : SurfaceDents.find(search.grid, lung, spacingMm)) {
      double volumeMm3 = dent.voxels().length * spacingMm * spacingMm * spacingMm;
      double radiusMm = Math.cbrt(3 * volumeMm3 / (4 * Math.PI));
      double sigma = Math.max(0.7, radiusMm / Math.sqrt(3) / spacingMm);
      int half =
          Math.max((int) Math.ceil(3 * sigma) + 3, (int) Math.ceil(2 * radiusMm / spacingMm) + 4);
      int cx = (int) Math.round(dent.x());
      int cy = (int) Math.round(dent.y());
      int cz = (int) Math.round(dent.z());
      Grid isolated =
          isolate(search.grid, lung, dent, cx - half, cy - half, cz - half, 2 * half + 1);
      Grid smooth = isolated.gaussian(sigma);
      float response = smooth.negativeLaplacian(sigma).at(half, half, half);
      double strength = Math.max(1e-3, response / 0.2);
      double blobness = blobness(smooth.hessian(half, half, half));
      boolean[] everywhere = new boolean[isolated.data.length];
      Arrays.fill(everywhere, true);
      Blob blob =
          measure(
              isolated,
              everywhere,
              new Candidate(half, half, half, radiusMm, sigma, strength, blobness, 0),
              spacingMm);
      if (blob == null || blob.diameterMm() < minDiameterMm) {
        continue;
      }
      added.add(blob.shifted(cx - half + search.x0, cy - half + search.y0, cz - half + search.z0));
    }
    return added;
  }

  /**
   * The cube of {@code size} voxels from {@code (x0, y0, z0)} (edges clamped) with everything but
   * the lungs and the dent at lung density.
   */
  private static Grid isolate(
      Grid hu, boolean[] lung, SurfaceDents.Dent dent, int x0, int y0, int z0, int size) {
    int[] members = dent.voxels().clone();
    Arrays.sort(members);
    Grid patch = new Grid(size, size, size);
    for (int z = 0; z < size; z++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int i =
              hu.index(
                  Math.clamp(x0 + x, 0, hu.nx - 1),
                  Math.clamp(y0 + y, 0, hu.ny - 1),
                  Math.clamp(z0 + z, 0, hu.nz - 1));
          patch.data[patch.index(x, y, z)] =
              lung[i] || Arrays.binarySearch(members, i) >= 0 ? hu.data[i] : LUNG_HU;
        }
      }
    }
    return patch;
  }

  /** Adds the seconds since {@code started} to the stage; returns now. */
  public static long lap(Map<String, Double> stageSeconds, String stage, long started) {
    long now = System.nanoTime();
    stageSeconds.merge(stage, (now - started) / 1e9, Double::sum);
    return now;
  }

  /**
   * Scale-space maxima of one level, in the full grid's voxels, slab by slab in parallel and in a
   * fixed order.
   */
  private List<Candidate> maxima(
      SearchRegion level, Grid smooth, Grid response, double sigma, double radiusMm) {
    Grid grid = level.grid;
    int border = level.factor == 1 ? 2 : 1;
    return IntStream.range(border, Math.max(border, grid.nz - border))
        .parallel()
        .mapToObj(z -> {
          List<Candidate> found = new ArrayList<>();
          for (int y = border; y < grid.ny - border; y++) {
            for (int x = border; x < grid.nx - border; x++) {
              int i = grid.index(x, y, z);
              float value = response.data[i];
              if (!level.region[i] || value <= 0 || !isLocalMaximum(response, x, y, z, value)) {
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
              found.add(
                  new Candidate(
                      level.x0 + x * level.factor,
                      level.y0 + y * level.factor,
                      level.z0 + z * level.factor,
                      radiusMm,
                      sigma,
                      strength,
                      blobness,
                      score));
            }
          }
          return found;
        })
        .flatMap(List::stream)
        .toList();
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

  /**
   * Where blobs are searched: the bounding box of the closed lungs grown by the reach of the
   * largest Gaussian, so the filters see the same surroundings as on the whole volume (the chest
   * wall beyond is never a candidate); at full or half resolution ({@code factor}) with the box's
   * corner in full-grid voxels.
   */
  private record SearchRegion(Grid grid, boolean[] region, int factor, int x0, int y0, int z0) {

    static @Nullable SearchRegion of(Grid hu, boolean[] closed, int margin) {
      int[] low = {hu.nx, hu.ny, hu.nz};
      int[] high = {-1, -1, -1};
      for (int z = 0; z < hu.nz; z++) {
        for (int y = 0; y < hu.ny; y++) {
          int row = hu.index(0, y, z);
          for (int x = 0; x < hu.nx; x++) {
            if (closed[row + x]) {
              low[0] = Math.min(low[0], x);
              high[0] = Math.max(high[0], x);
              low[1] = Math.min(low[1], y);
              high[1] = Math.max(high[1], y);
              low[2] = Math.min(low[2], z);
              high[2] = Math.max(high[2], z);
            }
          }
        }
      }
      if (high[0] < 0) {
        return null;
      }
      int x0 = Math.max(0, low[0] - margin);
      int y0 = Math.max(0, low[1] - margin);
      int z0 = Math.max(0, low[2] - margin);
      int sx = Math.min(hu.nx - 1, high[0] + margin) - x0 + 1;
      int sy = Math.min(hu.ny - 1, high[1] + margin) - y0 + 1;
      int sz = Math.min(hu.nz - 1, high[2] + margin) - z0 + 1;
      Grid grid = hu.crop(x0, y0, z0, sx, sy, sz);
      return new SearchRegion(grid, crop(closed, hu, grid, x0, y0, z0), 1, x0, y0, z0);
    }

    /**
     * The part of a mask over the whole grid {@code hu} that lies in this (full-resolution) box.
     */
    boolean[] crop(boolean[] mask, Grid hu) {
      return crop(mask, hu, grid, x0, y0, z0);
    }

    private static boolean[] crop(boolean[] mask, Grid hu, Grid box, int x0, int y0, int z0) {
      boolean[] inside = new boolean[box.data.length];
      IntStream.range(0, box.nz)
          .parallel()
          .forEach(z -> {
            for (int y = 0; y < box.ny; y++) {
              System.arraycopy(
                  mask, hu.index(x0, y0 + y, z0 + z), inside, box.index(0, y, z), box.nx);
            }
          });
      return inside;
    }

    /**
     * A copy in its own coordinates (corner 0) with everything outside the closed lungs, and bone,
     * at lung density.
     */
    SearchRegion flattened() {
      Grid copy = new Grid(grid.nx, grid.ny, grid.nz);
      for (int i = 0; i < copy.data.length; i++) {
        copy.data[i] = region[i] && grid.data[i] < BONE_HU ? grid.data[i] : LUNG_HU;
      }
      return new SearchRegion(copy, region, 1, 0, 0, 0);
    }

    /** Whether chest wall or bone lies within {@code reach} voxels of a voxel of this box. */
    boolean nearWall(int x, int y, int z, int reach) {
      for (int dz = -reach; dz <= reach; dz++) {
        for (int dy = -reach; dy <= reach; dy++) {
          for (int dx = -reach; dx <= reach; dx++) {
            if (grid.inside(x + dx, y + dy, z + dz)) {
              int i = grid.index(x + dx, y + dy, z + dz);
              if (!region[i] || grid.data[i] >= BONE_HU) {
                return true;
              }
            }
          }
        }
      }
      return false;
    }

    /** The same region at half resolution; a coarse voxel is inside when any of its block is. */
    SearchRegion halved() {
      Grid coarse = grid.halved();
      boolean[] inside = new boolean[coarse.data.length];
      for (int z = 0; z < grid.nz; z++) {
        for (int y = 0; y < grid.ny; y++) {
          for (int x = 0; x < grid.nx; x++) {
            if (region[grid.index(x, y, z)]) {
              inside[coarse.index(x / 2, y / 2, z / 2)] = true;
            }
          }
        }
      }
      return new SearchRegion(coarse, inside, 2, x0, y0, z0);
    }
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

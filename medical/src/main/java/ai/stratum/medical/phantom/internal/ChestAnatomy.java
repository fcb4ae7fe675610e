package ai.stratum.medical.phantom.internal;

import ai.stratum.medical.phantom.Nodule;
import ai.stratum.medical.phantom.NoduleMix;
import ai.stratum.medical.phantom.NoduleType;
import ai.stratum.medical.phantom.PhantomSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An analytic chest in patient coordinates (LPS, mm): body with a fat layer, two tapering lungs
 * with textured parenchyma, branching vessel trees, spine, sternum, ribs and nodules. Slices are
 * rendered in Hounsfield units, blurred and given noise like a scanner's.
 */
public final class ChestAnatomy {

  private static final double AIR = -1000;
  private static final double FAT = -100;
  private static final double SOFT_TISSUE = 40;
  private static final double BLOOD = 40;
  private static final double CANCELLOUS_BONE = 350;
  private static final double CORTICAL_BONE = 950;
  private static final double RIB = 650;

  private final PhantomSpec spec;
  private final double lungBottom;
  private final double lungTop;
  private final double[] lungCenterX = {-78, 78};
  private final double lungCenterY = 0;
  private final double lungSemiX = 58;
  private final double lungSemiY = 82;
  private final List<Segment> vessels = new ArrayList<>();
  private final List<Nodule> nodules = new ArrayList<>();
  private final long noiseSeed;

  private record Segment(
      double x0, double y0, double z0, double x1, double y1, double z1, double radius) {}

  public ChestAnatomy(PhantomSpec spec) {
    this.spec = spec;
    Random random = new Random(spec.seed());
    double halfExtent = (spec.slices() - 1) * spec.sliceSpacingMm() / 2;
    // the lungs fill most of the scanned range, as in a chest CT
    this.lungBottom = -halfExtent * 0.92 - 2;
    this.lungTop = halfExtent * 0.92 + 2;
    double hilumZ = lungBottom + (lungTop - lungBottom) * 0.55;
    for (int side = 0; side < 2; side++) {
      double direction = side == 0 ? -1 : 1;
      branch(random, lungCenterX[side] - direction * 30, 5, hilumZ, direction, 0, 0, 22, 4.5, 0);
    }
    for (int i = 0; i < spec.nodules(); i++) {
      nodules.add(placeNodule(random, i));
    }
    this.noiseSeed = random.nextLong();
  }

  public List<Nodule> nodules() {
    return List.copyOf(nodules);
  }

  /** Z (mm) of slice {@code index}; slice 0 is the most superior. */
  public double sliceZ(int index) {
    return (spec.slices() - 1) * spec.sliceSpacingMm() / 2 - index * spec.sliceSpacingMm();
  }

  /** X (mm) of the centre of column 0 (and Y of row 0). */
  public double firstPixelCenter() {
    return -PhantomSpec.FIELD_OF_VIEW_MM / 2 + spec.pixelSpacingMm() / 2;
  }

  /** Slice {@code index} in Hounsfield units, row by row. */
  public double[] render(int index) {
    int n = spec.matrix();
    double spacing = spec.pixelSpacingMm();
    double origin = firstPixelCenter();
    double z = sliceZ(index);
    double[] hu = new double[n * n];
    for (int row = 0; row < n; row++) {
      double y = origin + row * spacing;
      for (int column = 0; column < n; column++) {
        double x = origin + column * spacing;
        hu[row * n + column] = tissue(x, y, z);
      }
    }
    for (Segment vessel : vessels) {
      drawVessel(hu, vessel, z);
    }
    for (Nodule nodule : nodules) {
      drawNodule(hu, nodule, z);
    }
    double[] blurred = blur(hu, n);
    Random noise = new Random(noiseSeed + index);
    for (int i = 0; i < blurred.length; i++) {
      blurred[i] += noise.nextGaussian() * spec.noiseHu();
    }
    return blurred;
  }

  private double tissue(double x, double y, double z) {
    double body = ellipse(x, y - 10, 165, 118);
    if (body > 1) {
      return AIR;
    }
    double value = ellipse(x, y - 10, 153, 106) > 1 ? FAT : SOFT_TISSUE;
    int lung = lungAt(x, y, z, 1.0);
    if (lung >= 0) {
      // parenchyma between -900 and -850 HU with a smooth texture
      value = -875 + 18 * Math.sin(x * 0.11 + z * 0.05) * Math.cos(y * 0.09 - z * 0.04);
    }
    double spine = Math.hypot(x, y - 88);
    if (spine < 18) {
      value = spine > 14.5 ? CORTICAL_BONE : CANCELLOUS_BONE;
    }
    if (Math.abs(x) < 14 && Math.abs(y + 98) < 5) {
      value = 550;
    }
    double ribPhase = Math.floorMod((long) Math.floor(z + 1000), 26);
    if (ribPhase < 9) {
      double ring = ellipse(x, y - 8, 146, 99);
      if (ring > 0.87 && ring < 1.0 && y > -70) {
        value = RIB;
      }
    }
    return value;
  }

  /** Which lung (0 right, 1 left) contains the point at {@code scale} of its size, or -1. */
  private int lungAt(double x, double y, double z, double scale) {
    double taper = lungTaper(z);
    if (taper <= 0) {
      return -1;
    }
    for (int side = 0; side < 2; side++) {
      if (ellipse(
              x - lungCenterX[side],
              y - lungCenterY,
              lungSemiX * taper * scale,
              lungSemiY * taper * scale)
          <= 1) {
        return side;
      }
    }
    return -1;
  }

  /** Relative lung cross-section at z: narrow at the apex, full above the diaphragm. */
  private double lungTaper(double z) {
    if (z < lungBottom || z > lungTop) {
      return 0;
    }
    double t = (z - lungBottom) / (lungTop - lungBottom);
    double apex = Math.sqrt(Math.max(0, 1 - Math.pow(Math.max(0, t - 0.35) / 0.65, 2)));
    double base = Math.min(1, 0.55 + t * 4);
    return Math.max(0.15, apex) * base;
  }

  private static double ellipse(double x, double y, double semiX, double semiY) {
    return (x * x) / (semiX * semiX) + (y * y) / (semiY * semiY);
  }

  private void branch(
      Random random,
      double x,
      double y,
      double z,
      double lateral,
      double angleY,
      double angleZ,
      double length,
      double radius,
      int depth) {
    if (depth > 5 || radius < 0.6) {
      return;
    }
    double dx = lateral * Math.cos(angleZ) * Math.cos(angleY);
    double dy = Math.sin(angleY);
    double dz = Math.sin(angleZ);
    double norm = Math.sqrt(dx * dx + dy * dy + dz * dz);
    double x1 = x + dx / norm * length;
    double y1 = y + dy / norm * length;
    double z1 = z + dz / norm * length;
    vessels.add(new Segment(x, y, z, x1, y1, z1, radius));
    for (int child = 0; child < 2; child++) {
      double spread = child == 0 ? -1 : 1;
      branch(
          random,
          x1,
          y1,
          z1,
          lateral,
          angleY + spread * (0.35 + random.nextDouble() * 0.5),
          angleZ + (random.nextDouble() - 0.5) * 1.4 + (child == 0 ? 0.3 : -0.3),
          length * (0.72 + random.nextDouble() * 0.1),
          radius * 0.72,
          depth + 1);
    }
  }

  private Nodule placeNodule(Random random, int index) {
    if (spec.mix() == NoduleMix.HARD) {
      return placeHardNodule(random, index);
    }
    NoduleType type = index % 3 == 2 ? NoduleType.GROUND_GLASS : NoduleType.SOLID;
    boolean pleural = index % 4 == 1;
    double maxDiameter = Math.min(30, (lungTop - lungBottom) * 0.3);
    double diameter = logUniform(random, 3, Math.max(3.5, maxDiameter));
    return place(random, diameter, type, pleural, type.hounsfield());
  }

  /** The {@link NoduleMix#HARD} cases in turn: small, juxtapleural, ground-glass, both small. */
  private Nodule placeHardNodule(Random random, int index) {
    double maxDiameter = Math.max(6, Math.min(20, (lungTop - lungBottom) * 0.3));
    return switch (index % 4) {
      case 0 -> place(random, 3 + 2 * random.nextDouble(), NoduleType.SOLID, false, 45);
      case 1 ->
          place(
              random,
              logUniform(random, 4, maxDiameter),
              NoduleType.SOLID,
              true,
              NoduleType.SOLID.hounsfield());
      case 2 ->
          place(
              random,
              logUniform(random, 5, maxDiameter),
              NoduleType.GROUND_GLASS,
              false,
              -600 + 300 * random.nextDouble());
      default -> place(random, 3 + 2 * random.nextDouble(), NoduleType.SOLID, true, 45);
    };
  }

  private static double logUniform(Random random, double from, double to) {
    return Math.exp(Math.log(from) + random.nextDouble() * (Math.log(to) - Math.log(from)));
  }

  private Nodule place(
      Random random, double diameter, NoduleType type, boolean pleural, double hounsfield) {
    double radius = diameter / 2;
    int side = random.nextInt(2);
    for (int attempt = 0; ; attempt++) {
      double z = lungBottom + (lungTop - lungBottom) * (0.3 + random.nextDouble() * 0.5);
      double taper = lungTaper(z);
      double semiX = lungSemiX * taper;
      double semiY = lungSemiY * taper;
      double angle = random.nextDouble() * 2 * Math.PI;
      double boundaryX = semiX * Math.cos(angle);
      double boundaryY = semiY * Math.sin(angle);
      double boundary = Math.hypot(boundaryX, boundaryY);
      if (boundary < radius * 2.5 && attempt < 50) {
        continue;
      }
      // pleural nodules sit against the wall; others well inside the lung
      double distance =
          pleural
              ? boundary - radius * 0.85
              : (boundary - radius * 1.5) * random.nextDouble() * 0.8;
      double x = lungCenterX[side] + distance * Math.cos(Math.atan2(boundaryY, boundaryX));
      double y = lungCenterY + distance * Math.sin(Math.atan2(boundaryY, boundaryX));
      return new Nodule(x, y, z, diameter, type, pleural, hounsfield);
    }
  }

  private void drawVessel(double[] hu, Segment s, double z) {
    double minZ = Math.min(s.z0, s.z1) - s.radius;
    double maxZ = Math.max(s.z0, s.z1) + s.radius;
    if (z < minZ || z > maxZ) {
      return;
    }
    int n = spec.matrix();
    double spacing = spec.pixelSpacingMm();
    double origin = firstPixelCenter();
    double reach = s.radius + spacing;
    int c0 = Math.max(0, (int) ((Math.min(s.x0, s.x1) - reach - origin) / spacing));
    int c1 = Math.min(n - 1, (int) ((Math.max(s.x0, s.x1) + reach - origin) / spacing) + 1);
    int r0 = Math.max(0, (int) ((Math.min(s.y0, s.y1) - reach - origin) / spacing));
    int r1 = Math.min(n - 1, (int) ((Math.max(s.y0, s.y1) + reach - origin) / spacing) + 1);
    double vx = s.x1 - s.x0;
    double vy = s.y1 - s.y0;
    double vz = s.z1 - s.z0;
    double length2 = vx * vx + vy * vy + vz * vz;
    for (int row = r0; row <= r1; row++) {
      double y = origin + row * spacing;
      for (int column = c0; column <= c1; column++) {
        double x = origin + column * spacing;
        double t = ((x - s.x0) * vx + (y - s.y0) * vy + (z - s.z0) * vz) / length2;
        t = Math.max(0, Math.min(1, t));
        double distance =
            Math.sqrt(
                square(x - s.x0 - t * vx) + square(y - s.y0 - t * vy) + square(z - s.z0 - t * vz));
        int i = row * n + column;
        if (distance <= s.radius && hu[i] < -500) {
          hu[i] = BLOOD;
        }
      }
    }
  }

  private void drawNodule(double[] hu, Nodule nodule, double z) {
    double dz = z - nodule.centerZ();
    double radius = nodule.radiusMm();
    if (Math.abs(dz) > radius) {
      return;
    }
    int n = spec.matrix();
    double spacing = spec.pixelSpacingMm();
    double origin = firstPixelCenter();
    int c0 = Math.max(0, (int) ((nodule.centerX() - radius - origin) / spacing) - 1);
    int c1 = Math.min(n - 1, (int) ((nodule.centerX() + radius - origin) / spacing) + 1);
    int r0 = Math.max(0, (int) ((nodule.centerY() - radius - origin) / spacing) - 1);
    int r1 = Math.min(n - 1, (int) ((nodule.centerY() + radius - origin) / spacing) + 1);
    for (int row = r0; row <= r1; row++) {
      double y = origin + row * spacing;
      for (int column = c0; column <= c1; column++) {
        double x = origin + column * spacing;
        double distance =
            Math.sqrt(square(x - nodule.centerX()) + square(y - nodule.centerY()) + dz * dz);
        if (distance <= radius) {
          double texture = 15 * Math.sin(x * 0.9) * Math.cos(y * 0.8 + z * 0.7);
          hu[row * n + column] = nodule.hounsfield() + texture;
        }
      }
    }
  }

  private static double[] blur(double[] image, int n) {
    double[] horizontal = new double[image.length];
    for (int row = 0; row < n; row++) {
      for (int column = 0; column < n; column++) {
        int left = Math.max(0, column - 1);
        int right = Math.min(n - 1, column + 1);
        horizontal[row * n + column] =
            0.25 * image[row * n + left]
                + 0.5 * image[row * n + column]
                + 0.25 * image[row * n + right];
      }
    }
    double[] result = new double[image.length];
    for (int row = 0; row < n; row++) {
      int up = Math.max(0, row - 1);
      int down = Math.min(n - 1, row + 1);
      for (int column = 0; column < n; column++) {
        result[row * n + column] =
            0.25 * horizontal[up * n + column]
                + 0.5 * horizontal[row * n + column]
                + 0.25 * horizontal[down * n + column];
      }
    }
    return result;
  }

  private static double square(double value) {
    return value * value;
  }
}

package ai.stratum.medical.detection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Candidates on a synthetic chest block of 1 mm voxels: soft tissue around a box of lung, ribs that
 * indent the lung's side wall, blurred like a scanner and with noise.
 */
class SurfaceDentsTest {

  private static final int SIDE = 64;
  private static final double LUNG_HU = -870;
  private static final double SOFT_TISSUE_HU = 40;
  private static final double RIB_HU = 650;

  /** The lung's side wall (x) between the ribs; at a rib the lung ends 3 voxels earlier. */
  private static final int WALL_X = 52;

  private static final BlobDetector DETECTOR =
      new BlobDetector(new double[] {1.75, 2.5, 3.5, 5, 7, 10, 14}, 180, 0.25, 2.5);

  @Test
  void findsASmallNoduleInTheNotchBetweenTwoRibs() {
    // 3.2 mm across, 85 % of its radius inside the lung, between ribs at z 18-26 and 36-44
    double[] nodule = {WALL_X - 0.85 * 1.6, 32, 31};
    Grid chest = chest(nodule, 1.6, SOFT_TISSUE_HU, null, 45, 11);

    List<BlobDetector.Blob> blobs = DETECTOR.detect(chest, 1.0).blobs();

    assertThat(blobs).anySatisfy(blob -> assertThat(distance(blob, nodule)).isLessThan(1.6));
  }

  @Test
  void findsASmallNoduleOnTheMediastinalWall() {
    double[] nodule = {7 + 0.85 * 1.5, 40, 32};
    Grid chest = chest(nodule, 1.5, SOFT_TISSUE_HU, null, 45, 12);

    List<BlobDetector.Blob> blobs = DETECTOR.detect(chest, 1.0).blobs();

    assertThat(blobs).anySatisfy(blob -> assertThat(distance(blob, nodule)).isLessThan(1.5));
  }

  @Test
  void findsAFaintGroundGlassNoduleAgainstAVessel() {
    double[] nodule = {30, 30, 32};
    // a vessel of 1.5 mm radius along x grazing the nodule
    double[] vessel = {30 + 4, 32, 1.5};
    Grid chest = chest(nodule, 3.3, -620, vessel, 45, 13);

    List<BlobDetector.Blob> blobs = DETECTOR.detect(chest, 1.0).blobs();

    assertThat(blobs)
        .anySatisfy(blob -> {
          assertThat(distance(blob, nodule)).isLessThan(3.3);
          assertThat(blob.solid()).isFalse();
        });
  }

  @Test
  void aNoisyLungSurfaceWithRibsGivesNoDents() {
    Grid chest = chest(null, 0, 0, null, 45, 14);

    List<SurfaceDents.Dent> dents = SurfaceDents.find(chest, LungMask.of(chest).lung, 1.0);

    assertThat(dents).isEmpty();
  }

  @Test
  void aDentIsTheSoftTissueThatFillsTheLungSurface() {
    double[] nodule = {WALL_X - 0.85 * 2, 20, 31};
    Grid chest = chest(nodule, 2, SOFT_TISSUE_HU, null, 10, 15);

    List<SurfaceDents.Dent> dents = SurfaceDents.find(chest, LungMask.of(chest).lung, 1.0);

    assertThat(dents).hasSize(1);
    SurfaceDents.Dent dent = dents.getFirst();
    assertThat(dent.meanHu()).isGreaterThan(SurfaceDents.MIN_MEAN_HU);
    // the part that fills the dent: the nodule minus what reaches into the wall
    assertThat(dent.voxels().length).isBetween(10, 40);
    assertThat(Math.abs(dent.y() - nodule[1])).isLessThan(1.0);
    assertThat(Math.abs(dent.z() - nodule[2])).isLessThan(1.0);
  }

  /**
   * Air around a soft-tissue body with a box of lung (x 7-51, y 7-56, z 4-59) whose side wall is
   * indented by two ribs; a ball of {@code noduleHu} at {@code nodule} (null: none), a vessel along
   * x at {@code (y, z)} = {@code vessel[0..1]} of radius {@code vessel[2]} (null: none).
   */
  private static Grid chest(
      double[] nodule, double radius, double noduleHu, double[] vessel, double noiseHu, long seed) {
    Grid sharp = new Grid(SIDE, SIDE, SIDE);
    for (int z = 0; z < SIDE; z++) {
      boolean rib = (z >= 18 && z < 27) || (z >= 36 && z < 45);
      int wall = rib ? WALL_X - 3 : WALL_X;
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          boolean air = x == 0 || y == 0 || x == SIDE - 1 || y == SIDE - 1;
          boolean lung = x >= 7 && x < wall && y >= 7 && y < 57 && z >= 4 && z < 60;
          double value = air ? -1000 : lung ? LUNG_HU : SOFT_TISSUE_HU;
          if (rib && x >= wall && x < wall + 6 && y >= 7 && y < 57) {
            value = RIB_HU;
          }
          if (lung && vessel != null && Math.hypot(y - vessel[0], z - vessel[1]) <= vessel[2]) {
            value = SOFT_TISSUE_HU;
          }
          if (nodule != null
              && !air
              && value < 0
              && Math.sqrt(square(x - nodule[0]) + square(y - nodule[1]) + square(z - nodule[2]))
                  <= radius) {
            value = noduleHu;
          }
          sharp.data[sharp.index(x, y, z)] = (float) value;
        }
      }
    }
    Grid blurred = sharp.gaussian(0.6);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < blurred.data.length; i++) {
      double noisy = blurred.data[i] + noiseHu * gaussian(random);
      blurred.data[i] = (float) Math.clamp(noisy, -1000, 400);
    }
    return blurred;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static double distance(BlobDetector.Blob blob, double[] point) {
    return Math.sqrt(
        square(blob.x() - point[0]) + square(blob.y() - point[1]) + square(blob.z() - point[2]));
  }

  private static double square(double value) {
    return value * value;
  }
}

package ai.stratum.medical.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.medical.imaging.Slice;
import ai.stratum.medical.imaging.Volume;
import ai.stratum.medical.imaging.VolumeAssembler;
import ai.stratum.medical.phantom.Nodule;
import ai.stratum.medical.phantom.NoduleType;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classical detector on a small phantom (128 x 128 x 48, resampled to 2 mm voxels). */
class NoduleDetectorTest {

  static PhantomSeries series;
  static Volume volume;
  static NoduleDetector.Detection detection;

  @BeforeAll
  static void detect() throws Exception {
    series = PhantomSeries.of(new PhantomSpec(128, 48, 2.5, 4, 10, 12, "DETECT-12"));
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i < series.spec().slices(); i++) {
      slices.add(Slice.from(series.slice(i)));
    }
    volume = new VolumeAssembler(2.0).assemble(slices);
    detection = new NoduleDetector(DetectionProperties.defaults()).detect(volume);
  }

  @Test
  void findsEveryNoduleOfTenMillimetresOrMoreWithinItsRadius() {
    List<Nodule> large = series.nodules().stream().filter(n -> n.diameterMm() >= 10).toList();
    assertThat(large).hasSizeGreaterThanOrEqualTo(3);
    for (Nodule nodule : large) {
      assertThat(hit(nodule)).as("finding for %s", nodule).isPresent();
    }
  }

  @Test
  void measuresDiameterAndTellsGroundGlassFromSolid() {
    for (Nodule nodule : series.nodules()) {
      if (nodule.diameterMm() < 10) {
        continue;
      }
      Finding finding = hit(nodule).orElseThrow();
      assertThat(finding.diameterMm())
          .isCloseTo(nodule.diameterMm(), within(0.25 * nodule.diameterMm()));
      assertThat(finding.volumeMm3()).isPositive();
      assertThat(finding.attenuation())
          .isEqualTo(
              nodule.type() == NoduleType.SOLID ? Attenuation.SOLID : Attenuation.GROUND_GLASS);
      assertThat(finding.probability()).isBetween(0.5, 1.0);
      assertThat(finding.uncertainty()).isBetween(0.0, 0.5);
    }
  }

  @Test
  void reportsEachNoduleOnceAfterNonMaximumSuppression() {
    for (Nodule nodule : series.nodules()) {
      long hits =
          detection.findings().stream()
              .filter(f -> distance(f, nodule) <= nodule.radiusMm())
              .count();
      assertThat(hits).as("findings on %s", nodule).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void measuresTheAeratedLungVolume() {
    assertThat(detection.lungVolumeMl()).isBetween(1000.0, 6000.0);
  }

  @Test
  void findsNothingInAVolumeWithoutLungs() {
    short[] water = new short[64 * 64 * 32];
    Volume phantom =
        new Volume(
            64,
            64,
            32,
            new double[] {2, 2, 2},
            new double[] {0, 0, 0},
            new double[] {1, 0, 0},
            new double[] {0, 1, 0},
            new double[] {0, 0, 1},
            water);
    NoduleDetector.Detection none =
        new NoduleDetector(DetectionProperties.defaults()).detect(phantom);
    assertThat(none.lungVolumeMl()).isZero();
    assertThat(none.findings()).isEmpty();
  }

  private static Optional<Finding> hit(Nodule nodule) {
    return detection.findings().stream()
        .filter(f -> distance(f, nodule) <= nodule.radiusMm())
        .findFirst();
  }

  private static double distance(Finding f, Nodule n) {
    return Math.sqrt(
        Math.pow(f.x() - n.centerX(), 2)
            + Math.pow(f.y() - n.centerY(), 2)
            + Math.pow(f.z() - n.centerZ(), 2));
  }

  private static org.assertj.core.data.Offset<Double> within(double value) {
    return org.assertj.core.data.Offset.offset(value);
  }
}

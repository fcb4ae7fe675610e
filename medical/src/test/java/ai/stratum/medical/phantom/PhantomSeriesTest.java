package ai.stratum.medical.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.medical.DicomTools;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhantomSeriesTest {

  private final PhantomSeries series =
      PhantomSeries.of(new PhantomSpec(128, 40, 2.5, 6, 10, 5, "P5"));

  @Test
  void placesNodulesOfBothTypesWithinTheSizeRangeSomeTouchingThePleura() {
    List<Nodule> nodules = series.nodules();

    assertThat(nodules).hasSize(6);
    assertThat(nodules).allSatisfy(n -> assertThat(n.diameterMm()).isBetween(3.0, 30.0));
    assertThat(nodules)
        .extracting(Nodule::type)
        .contains(NoduleType.SOLID, NoduleType.GROUND_GLASS);
    assertThat(nodules).anyMatch(Nodule::touchesPleura);
  }

  @Test
  void hardMixHasOnlySmallJuxtapleuralAndFaintGroundGlassNodules() {
    List<Nodule> nodules =
        PhantomSeries.of(new PhantomSpec(128, 120, 2.5, 12, 40, 8, "H8", NoduleMix.HARD)).nodules();

    assertThat(nodules).hasSize(12);
    assertThat(nodules)
        .allSatisfy(n ->
            assertThat(
                    n.diameterMm() < 5.01
                        || n.touchesPleura()
                        || n.type() == NoduleType.GROUND_GLASS)
                .as("%s is a hard case", n)
                .isTrue());
    assertThat(nodules.stream().filter(n -> n.diameterMm() <= 5).count()).isGreaterThanOrEqualTo(6);
    assertThat(nodules.stream().filter(Nodule::touchesPleura).count()).isEqualTo(6);
    assertThat(nodules)
        .filteredOn(n -> n.type() == NoduleType.GROUND_GLASS)
        .hasSize(3)
        .allSatisfy(n -> assertThat(n.hounsfield()).isBetween(-600.0, -300.0));
  }

  @Test
  void rendersAirLungSoftTissueAndBoneAtTheirDensities() {
    DicomObject middle = series.slice(20);
    PixelFrame frame = middle.frame(0);
    double spacing = series.spec().pixelSpacingMm();
    double origin = -PhantomSpec.FIELD_OF_VIEW_MM / 2 + spacing / 2;

    assertThat(hu(middle, frame, origin, spacing, 0, -175)).as("air").isBetween(-1040.0, -960.0);
    assertThat(hu(middle, frame, origin, spacing, -78, -30))
        .as("right lung")
        .isBetween(-930.0, -820.0);
    assertThat(hu(middle, frame, origin, spacing, 0, 30)).as("mediastinum").isBetween(0.0, 80.0);
    assertThat(hu(middle, frame, origin, spacing, 0, 88)).as("vertebra").isBetween(250.0, 1000.0);
  }

  @Test
  void drawsEachNoduleAtItsDensity() {
    for (Nodule nodule : series.nodules()) {
      int index =
          (int) Math.round(((series.spec().slices() - 1) * 2.5 / 2 - nodule.centerZ()) / 2.5);
      DicomObject slice = series.slice(index);
      double spacing = series.spec().pixelSpacingMm();
      double origin = -PhantomSpec.FIELD_OF_VIEW_MM / 2 + spacing / 2;
      double value = hu(slice, slice.frame(0), origin, spacing, nodule.centerX(), nodule.centerY());
      if (nodule.diameterMm() >= 8) {
        assertThat(value)
            .as("%s", nodule)
            .isCloseTo(nodule.hounsfield(), org.assertj.core.data.Offset.offset(120.0));
      }
    }
  }

  @Test
  void writesCtImageStorageThatDciodvfyAccepts(@TempDir Path directory) throws Exception {
    PhantomSeries small = PhantomSeries.of(PhantomSpec.small(9));
    small.writeTo(directory);

    try (var files = Files.list(directory)) {
      assertThat(files.filter(f -> f.toString().endsWith(".dcm"))).hasSize(20);
    }
    assertThat(Files.readString(directory.resolve(PhantomSeries.GROUND_TRUTH_FILE)))
        .contains(small.seriesInstanceUid())
        .contains("GROUND_GLASS");
    DicomObject first = Dicom.reader().read(Files.readAllBytes(directory.resolve("CT000001.dcm")));
    assertThat(first.string(DicomTags.SOP_CLASS_UID)).contains(PhantomSeries.CT_IMAGE_STORAGE);
    assertThat(first.integer(DicomTags.ROWS)).hasValue(64);

    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/dciodvfy")), "dciodvfy not installed");
    String report =
        DicomTools.run(
                Duration.ofSeconds(60), "dciodvfy", directory.resolve("CT000001.dcm").toString())
            .output();
    assertThat(report).contains("CTImage").doesNotContain("Error -");
  }

  private static double hu(
      DicomObject slice, PixelFrame frame, double origin, double spacing, double x, double y) {
    int column = (int) Math.round((x - origin) / spacing);
    int row = (int) Math.round((y - origin) / spacing);
    return frame.sample(row, column) * slice.number(DicomTags.RESCALE_SLOPE).orElseThrow()
        + slice.number(DicomTags.RESCALE_INTERCEPT).orElseThrow();
  }
}

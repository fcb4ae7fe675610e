package ai.stratum.medical.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomTags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Slices whose values are a known linear function of patient position: the assembled volume must
 * reproduce the function at every voxel, whatever the slice order and orientation.
 */
class VolumeAssemblerTest {

  private static final int ROWS = 12;
  private static final int COLUMNS = 10;
  private static final double[] GRADIENT = {2.0, -3.0, 5.0};
  private static final double OFFSET = 100;

  @Test
  void assemblesShuffledSlicesInPositionOrder() throws Exception {
    List<Slice> slices = slices(axial(), new double[] {-50, -40, 20}, 0.8, 0.7, 2.5, 16);
    Collections.shuffle(slices, new Random(42));

    Volume volume = VolumeAssembler.stack(slices);

    assertThat(volume.slices()).isEqualTo(16);
    assertThat(volume.spacing()).containsExactly(new double[] {0.7, 0.8, 2.5}, within(1e-9));
    assertThat(volume.origin()).containsExactly(new double[] {-50, -40, 20}, within(1e-9));
    assertReproducesGradient(volume, 0.51);
  }

  @Test
  void assemblesSlicesListedAgainstTheNormal() throws Exception {
    // slice 0 is the highest: stored order runs against the normal (feet-first numbering)
    List<Slice> slices = slices(axial(), new double[] {0, 0, 100}, 1, 1, -2, 12);

    Volume volume = VolumeAssembler.stack(slices);

    assertThat(volume.origin()[2]).isCloseTo(100 - 2 * 11, within(1e-9));
    assertThat(volume.sliceDirection()).containsExactly(new double[] {0, 0, 1}, within(1e-12));
    assertReproducesGradient(volume, 0.51);
  }

  @Test
  void assemblesObliqueSagittalSlicesAndResamplesIsotropically() throws Exception {
    double angle = Math.toRadians(20);
    // rows along patient posterior tilted towards feet, columns towards feet: a tilted sagittal
    // plane
    double[] orientation = {
      0, Math.cos(angle), -Math.sin(angle), 0, Math.sin(angle), Math.cos(angle)
    };
    List<Slice> slices = slices(orientation, new double[] {30, -20, 10}, 0.9, 0.6, 1.7, 14);
    Collections.reverse(slices);

    Volume resampled = new VolumeAssembler(1.0).assemble(slices);

    assertThat(resampled.spacing()).containsExactly(1.0, 1.0, 1.0);
    assertThat(resampled.sliceDirection()).containsExactly(new double[] {1, 0, 0}, within(1e-9));
    assertThat(resampled.columns()).isEqualTo((int) Math.floor((COLUMNS - 1) * 0.6) + 1);
    assertThat(resampled.slices()).isEqualTo((int) Math.floor(13 * 1.7) + 1);
    assertReproducesGradient(resampled, 1.01);
  }

  @Test
  void refusesASeriesWithAMissingSlice() throws Exception {
    List<Slice> slices = slices(axial(), new double[] {0, 0, 0}, 1, 1, 2, 10);
    slices.remove(4);

    assertThatThrownBy(() -> VolumeAssembler.stack(slices))
        .isInstanceOf(VolumeRejectedException.class)
        .hasMessageContaining("Gap")
        .hasMessageContaining("4.000 mm");
  }

  @Test
  void refusesSlicesWithDifferentOrientation() throws Exception {
    List<Slice> slices = slices(axial(), new double[] {0, 0, 0}, 1, 1, 2, 6);
    slices.addAll(slices(new double[] {1, 0, 0, 0, 0, -1}, new double[] {0, 0, 20}, 1, 1, 2, 1));

    assertThatThrownBy(() -> VolumeAssembler.stack(slices))
        .isInstanceOf(VolumeRejectedException.class)
        .hasMessageContaining("Image Orientation");
  }

  @Test
  void refusesSlicesShiftedWithinTheirPlane() throws Exception {
    List<Slice> slices = slices(axial(), new double[] {0, 0, 0}, 1, 1, 2, 6);
    slices.addAll(slices(axial(), new double[] {5, 0, 12}, 1, 1, 2, 1));

    assertThatThrownBy(() -> VolumeAssembler.stack(slices))
        .isInstanceOf(VolumeRejectedException.class)
        .hasMessageContaining("shifted");
  }

  @Test
  void refusesTwoSlicesAtOnePosition() throws Exception {
    List<Slice> slices = slices(axial(), new double[] {0, 0, 0}, 1, 1, 2, 6);
    slices.add(slices.get(2));

    assertThatThrownBy(() -> VolumeAssembler.stack(slices))
        .isInstanceOf(VolumeRejectedException.class)
        .hasMessageContaining("same position");
  }

  private static double[] axial() {
    return new double[] {1, 0, 0, 0, 1, 0};
  }

  private static double expected(double[] p) {
    return OFFSET + GRADIENT[0] * p[0] + GRADIENT[1] * p[1] + GRADIENT[2] * p[2];
  }

  private static void assertReproducesGradient(Volume volume, double tolerance) {
    for (int k = 0; k < volume.slices(); k++) {
      for (int j = 0; j < volume.rows(); j++) {
        for (int i = 0; i < volume.columns(); i++) {
          assertThat((double) volume.at(i, j, k))
              .as("voxel %d,%d,%d", i, j, k)
              .isCloseTo(expected(volume.position(i, j, k)), within(tolerance));
        }
      }
    }
  }

  /**
   * Real DICOM slices (written and read back) stepping {@code step} mm along the normal, each pixel
   * holding round(gradient . position) as stored value with rescale intercept -1024.
   */
  private static List<Slice> slices(
      double[] orientation,
      double[] first,
      double rowSpacing,
      double columnSpacing,
      double step,
      int count)
      throws VolumeRejectedException {
    double[] row = {orientation[0], orientation[1], orientation[2]};
    double[] column = {orientation[3], orientation[4], orientation[5]};
    double[] normal = {
      row[1] * column[2] - row[2] * column[1],
      row[2] * column[0] - row[0] * column[2],
      row[0] * column[1] - row[1] * column[0]
    };
    List<Slice> slices = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      double[] position = new double[3];
      for (int a = 0; a < 3; a++) {
        position[a] = first[a] + k * step * normal[a];
      }
      short[] stored = new short[ROWS * COLUMNS];
      for (int j = 0; j < ROWS; j++) {
        for (int i = 0; i < COLUMNS; i++) {
          double[] p = new double[3];
          for (int a = 0; a < 3; a++) {
            p[a] = position[a] + i * columnSpacing * row[a] + j * rowSpacing * column[a];
          }
          stored[j * COLUMNS + i] = (short) Math.round(expected(p) + 1024);
        }
      }
      var image =
          Dicom.builder()
              .string(DicomTags.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.2")
              .string(
                  DicomTags.SOP_INSTANCE_UID,
                  "1.2.3." + k + "." + Math.abs((long) (position[2] * 1000)))
              .string(DicomTags.MODALITY, "CT")
              .numbers(DicomTags.IMAGE_POSITION_PATIENT, position)
              .numbers(DicomTags.IMAGE_ORIENTATION_PATIENT, orientation)
              .numbers(DicomTags.PIXEL_SPACING, rowSpacing, columnSpacing)
              .numbers(DicomTags.RESCALE_INTERCEPT, -1024)
              .numbers(DicomTags.RESCALE_SLOPE, 1)
              .pixels16(ROWS, COLUMNS, stored, true)
              .build();
      slices.add(Slice.from(Dicom.reader().read(image.toPart10())));
    }
    return slices;
  }
}

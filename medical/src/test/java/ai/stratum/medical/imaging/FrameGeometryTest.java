package ai.stratum.medical.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomBuilder;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Functional groups of an enhanced multi-frame: per-frame items override the shared ones. */
class FrameGeometryTest {

  private static final FrameGeometryCheck CHECK = new FrameGeometryCheck();

  @Test
  void readsEachFramesGroupsFromItsOwnItemElseFromTheSharedItem() throws Exception {
    // frame 2 has its own rescale and pixel measures; the others take the shared ones
    DicomObject image = enhanced(3, 3, 2, true);

    List<Slice> slices = Slice.all(image);

    assertThat(slices).extracting(Slice::frame).containsExactly(1, 2, 3);
    assertThat(slices.get(0).position()).containsExactly(0, 0, 0);
    assertThat(slices.get(2).position()).containsExactly(0, 0, 4);
    assertThat(slices.get(0).orientation()).containsExactly(1, 0, 0, 0, 1, 0);
    assertThat(slices.get(0).pixelSpacing()).containsExactly(0.5, 0.5);
    assertThat(slices.get(1).pixelSpacing()).containsExactly(0.25, 0.25);
    // stored value 10 + frame index; shared rescale 2x - 1000, frame 2's own 1x - 500
    assertThat(slices.get(0).hounsfield()).containsOnly((short) (2 * 10 - 1000));
    assertThat(slices.get(1).hounsfield()).containsOnly((short) (11 - 500));
    assertThat(slices.get(2).hounsfield()).containsOnly((short) (2 * 12 - 1000));
    assertThat(slices.get(1).label()).isEqualTo("frame 2 of instance 1.2.3.4");
  }

  @Test
  void assemblesTheFramesOfAnEnhancedCtInOrderAlongTheNormal() throws Exception {
    Volume volume = VolumeAssembler.stack(Slice.all(enhanced(4, 4, 2, false)));

    assertThat(volume.slices()).isEqualTo(4);
    assertThat(volume.spacing()).containsExactly(0.5, 0.5, 2.0);
    assertThat(volume.at(0, 0, 3)).isEqualTo((short) (2 * 13 - 1000));
    assertThat(CHECK.refusal(enhanced(4, 4, 2, false))).isEmpty();
  }

  @Test
  void refusesFramesWhoseCountDoesNotMatchThePerFrameItems() {
    DicomObject image = enhanced(3, 2, 2, false);

    assertThatThrownBy(() -> Slice.all(image))
        .isInstanceOf(VolumeRejectedException.class)
        .hasMessage(
            "Instance 1.2.3.4 has 3 frames but 2 items in its Per-frame Functional Groups"
                + " Sequence.");
    assertThat(CHECK.refusal(image))
        .hasValueSatisfying(reason -> assertThat(reason).contains("2 items"));
  }

  @Test
  void refusesAGapBetweenFramesAtIngestWithTheFramesNamed() {
    assertThat(CHECK.refusal(enhanced(5, 5, 2, false, 3)))
        .hasValueSatisfying(reason ->
            assertThat(reason)
                .startsWith(
                    "Gap in the series: 4.000 mm between frame 3 of instance 1.2.3.4 and"
                        + " frame 4 of instance 1.2.3.4"));
  }

  private static DicomObject enhanced(int frames, int items, double spacingMm, boolean ownGroups) {
    return enhanced(frames, items, spacingMm, ownGroups, Integer.MAX_VALUE);
  }

  /** 2 x 2 frames at z = k * spacing (shifted by one more spacing from frame {@code gapAfter}). */
  private static DicomObject enhanced(
      int frames, int items, double spacingMm, boolean ownGroups, int gapAfter) {
    short[] pixels = new short[4 * frames];
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < 4; i++) {
        pixels[f * 4 + i] = (short) (10 + f);
      }
    }
    List<DicomBuilder> perFrame = new ArrayList<>();
    for (int f = 0; f < items; f++) {
      double z = (f < gapAfter ? f : f + 1) * spacingMm;
      DicomBuilder groups =
          Dicom.builder()
              .sequence(
                  DicomTags.PLANE_POSITION_SEQUENCE,
                  List.of(Dicom.builder().numbers(DicomTags.IMAGE_POSITION_PATIENT, 0, 0, z)));
      if (ownGroups && f == 1) {
        groups
            .sequence(
                DicomTags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                List.of(
                    Dicom.builder()
                        .numbers(DicomTags.RESCALE_INTERCEPT, -500)
                        .numbers(DicomTags.RESCALE_SLOPE, 1)))
            .sequence(
                DicomTags.PIXEL_MEASURES_SEQUENCE,
                List.of(Dicom.builder().numbers(DicomTags.PIXEL_SPACING, 0.25, 0.25)));
      }
      perFrame.add(groups);
    }
    DicomBuilder shared =
        Dicom.builder()
            .sequence(
                DicomTags.PLANE_ORIENTATION_SEQUENCE,
                List.of(
                    Dicom.builder().numbers(DicomTags.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0)))
            .sequence(
                DicomTags.PIXEL_MEASURES_SEQUENCE,
                List.of(Dicom.builder().numbers(DicomTags.PIXEL_SPACING, 0.5, 0.5)))
            .sequence(
                DicomTags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                List.of(
                    Dicom.builder()
                        .numbers(DicomTags.RESCALE_INTERCEPT, -1000)
                        .numbers(DicomTags.RESCALE_SLOPE, 2)));
    return Dicom.builder()
        .string(DicomTags.SOP_CLASS_UID, FrameGeometry.ENHANCED_CT_IMAGE_STORAGE)
        .string(DicomTags.SOP_INSTANCE_UID, "1.2.3.4")
        .string(DicomTags.STUDY_INSTANCE_UID, "1.2.3")
        .string(DicomTags.SERIES_INSTANCE_UID, "1.2.3.1")
        .string(DicomTags.MODALITY, "CT")
        .sequence(DicomTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, List.of(shared))
        .sequence(DicomTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame)
        .pixels16(2, 2, frames, pixels, false)
        .build();
  }
}

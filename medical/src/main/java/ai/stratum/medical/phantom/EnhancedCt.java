package ai.stratum.medical.phantom;

import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomBuilder;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;
import ai.stratum.medical.imaging.FrameGeometry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts single-frame CT slices into one Enhanced CT Image Storage object, as a modern scanner
 * sends a series: patient, study and frame of reference as in the slices; Pixel Measures, Plane
 * Orientation, Frame VOI LUT and Pixel Value Transformation shared; Plane Position and Frame
 * Content per frame. Tests of ingest and of the console send phantoms this way.
 */
public final class EnhancedCt {

  private static final int FRAME_ACQUISITION_NUMBER = 0x00209156;
  private static final int DIMENSION_INDEX_VALUES = 0x00209157;

  /**
   * One frame: the slice whose pixels it carries and the position its Plane Position (Patient)
   * group states; no position leaves the group out.
   */
  public record Frame(DicomObject slice, double @Nullable [] position) {

    public static Frame of(DicomObject slice) {
      return new Frame(slice, slice.doubles(DicomTags.IMAGE_POSITION_PATIENT));
    }
  }

  private EnhancedCt() {}

  public static DicomObject of(List<Frame> frames, String seriesUid, String sopInstanceUid) {
    DicomObject first = frames.getFirst().slice();
    DicomBuilder builder = Dicom.builder();
    for (int tag :
        new int[] {
          DicomTags.SPECIFIC_CHARACTER_SET,
          DicomTags.STUDY_DATE,
          DicomTags.STUDY_TIME,
          DicomTags.ACCESSION_NUMBER,
          DicomTags.MODALITY,
          DicomTags.MANUFACTURER,
          DicomTags.REFERRING_PHYSICIAN_NAME,
          DicomTags.STUDY_DESCRIPTION,
          DicomTags.PATIENT_NAME,
          DicomTags.PATIENT_ID,
          DicomTags.PATIENT_BIRTH_DATE,
          DicomTags.PATIENT_SEX,
          DicomTags.BODY_PART_EXAMINED,
          DicomTags.PATIENT_POSITION,
          DicomTags.STUDY_INSTANCE_UID,
          DicomTags.STUDY_ID,
          DicomTags.FRAME_OF_REFERENCE_UID,
          DicomTags.POSITION_REFERENCE_INDICATOR
        }) {
      builder.string(tag, first.string(tag).orElse(""));
    }
    int rows = first.integer(DicomTags.ROWS).orElseThrow();
    int columns = first.integer(DicomTags.COLUMNS).orElseThrow();
    short[] pixels = new short[rows * columns * frames.size()];
    List<DicomBuilder> perFrame = new ArrayList<>();
    for (int f = 0; f < frames.size(); f++) {
      Frame frame = frames.get(f);
      PixelFrame values = frame.slice().frame(0);
      for (int i = 0; i < values.samples().length; i++) {
        pixels[f * rows * columns + i] = (short) values.samples()[i];
      }
      DicomBuilder groups =
          Dicom.builder()
              .sequence(
                  DicomTags.FRAME_CONTENT_SEQUENCE,
                  List.of(
                      Dicom.builder()
                          .integers(FRAME_ACQUISITION_NUMBER, 1)
                          .string(DicomTags.STACK_ID, "1")
                          .integers(DicomTags.IN_STACK_POSITION_NUMBER, f + 1)
                          .integers(DIMENSION_INDEX_VALUES, 1, f + 1)));
      if (frame.position() != null) {
        groups.sequence(
            DicomTags.PLANE_POSITION_SEQUENCE,
            List.of(Dicom.builder().numbers(DicomTags.IMAGE_POSITION_PATIENT, frame.position())));
      }
      perFrame.add(groups);
    }
    DicomBuilder shared =
        Dicom.builder()
            .sequence(
                DicomTags.PIXEL_MEASURES_SEQUENCE,
                List.of(
                    Dicom.builder()
                        .numbers(DicomTags.PIXEL_SPACING, first.doubles(DicomTags.PIXEL_SPACING))
                        .numbers(
                            DicomTags.SLICE_THICKNESS,
                            first.number(DicomTags.SLICE_THICKNESS).orElse(1))))
            .sequence(
                DicomTags.PLANE_ORIENTATION_SEQUENCE,
                List.of(
                    Dicom.builder()
                        .numbers(
                            DicomTags.IMAGE_ORIENTATION_PATIENT,
                            first.doubles(DicomTags.IMAGE_ORIENTATION_PATIENT))))
            .sequence(
                DicomTags.FRAME_VOI_LUT_SEQUENCE,
                List.of(
                    Dicom.builder()
                        .numbers(DicomTags.WINDOW_CENTER, first.doubles(DicomTags.WINDOW_CENTER))
                        .numbers(DicomTags.WINDOW_WIDTH, first.doubles(DicomTags.WINDOW_WIDTH))))
            .sequence(
                DicomTags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                List.of(
                    Dicom.builder()
                        .numbers(
                            DicomTags.RESCALE_INTERCEPT,
                            first.number(DicomTags.RESCALE_INTERCEPT).orElse(0))
                        .numbers(
                            DicomTags.RESCALE_SLOPE,
                            first.number(DicomTags.RESCALE_SLOPE).orElse(1))
                        .string(DicomTags.RESCALE_TYPE, "HU")));
    return builder
        .string(DicomTags.IMAGE_TYPE, "ORIGINAL", "PRIMARY", "AXIAL", "NONE")
        .string(DicomTags.SOP_CLASS_UID, FrameGeometry.ENHANCED_CT_IMAGE_STORAGE)
        .string(DicomTags.SOP_INSTANCE_UID, sopInstanceUid)
        .string(DicomTags.SERIES_INSTANCE_UID, seriesUid)
        .integers(DicomTags.SERIES_NUMBER, 2)
        .integers(DicomTags.INSTANCE_NUMBER, 1)
        .string(DicomTags.CONTENT_DATE, first.string(DicomTags.CONTENT_DATE).orElse(""))
        .string(DicomTags.CONTENT_TIME, first.string(DicomTags.CONTENT_TIME).orElse(""))
        .sequence(DicomTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, List.of(shared))
        .sequence(DicomTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame)
        .pixels16(rows, columns, frames.size(), pixels, false)
        .integers(DicomTags.BITS_STORED, 12)
        .integers(DicomTags.HIGH_BIT, 11)
        .build();
  }
}

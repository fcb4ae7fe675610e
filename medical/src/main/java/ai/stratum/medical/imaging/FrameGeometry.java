package ai.stratum.medical.imaging;

import ai.stratum.medical.dicom.DicomAttributes;
import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The geometry and rescale of one image plane. A single-frame image has one, from its top-level
 * attributes; a multi-frame image (Enhanced CT and the like) has one per frame, from its functional
 * groups: each macro (Plane Position, Plane Orientation, Pixel Measures, Pixel Value
 * Transformation, Frame Content) from the frame's Per-frame Functional Groups item, else from the
 * Shared Functional Groups.
 *
 * @param frame the frame number (1-based) in a multi-frame image; 0 for a single-frame image
 * @param stackId Stack ID of the Frame Content macro; empty when absent
 */
public record FrameGeometry(
    String sopInstanceUid,
    int frame,
    double[] position,
    double[] orientation,
    double[] pixelSpacing,
    int rows,
    int columns,
    double rescaleSlope,
    double rescaleIntercept,
    String stackId)
    implements Plane {

  public static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";
  public static final String LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE =
      "1.2.840.10008.5.1.4.1.1.2.2";

  @Override
  public String label() {
    return frame == 0
        ? "instance " + sopInstanceUid
        : "frame " + frame + " of instance " + sopInstanceUid;
  }

  /** Whether the image describes its frames with functional groups (an enhanced multi-frame). */
  private static boolean hasFunctionalGroups(DicomObject image) {
    return image.contains(DicomTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE)
        || image.contains(DicomTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
  }

  /**
   * The planes of an image, in frame order.
   *
   * @throws VolumeRejectedException when an attribute a volume needs is missing or malformed
   */
  public static List<FrameGeometry> of(DicomObject image) throws VolumeRejectedException {
    String uid = image.string(DicomTags.SOP_INSTANCE_UID).orElse("?");
    try {
      int rows = image.integer(DicomTags.ROWS).orElse(0);
      int columns = image.integer(DicomTags.COLUMNS).orElse(0);
      if (!hasFunctionalGroups(image)) {
        if (image.numberOfFrames() != 1) {
          throw new VolumeRejectedException(
              "Instance "
                  + uid
                  + " has "
                  + image.numberOfFrames()
                  + " frames but no functional groups giving their position.");
        }
        return List.of(single(uid, image, rows, columns));
      }
      return frames(uid, image, rows, columns);
    } catch (DicomFormatException e) {
      throw new VolumeRejectedException("Instance " + uid + ": " + e.getMessage());
    }
  }

  private static FrameGeometry single(String uid, DicomObject image, int rows, int columns)
      throws VolumeRejectedException {
    double[] position = image.doubles(DicomTags.IMAGE_POSITION_PATIENT);
    double[] orientation = image.doubles(DicomTags.IMAGE_ORIENTATION_PATIENT);
    double[] spacing = image.doubles(DicomTags.PIXEL_SPACING);
    if (position.length != 3) {
      throw new VolumeRejectedException("Instance " + uid + " has no Image Position (Patient).");
    }
    if (orientation.length != 6) {
      throw new VolumeRejectedException("Instance " + uid + " has no Image Orientation (Patient).");
    }
    if (!valid(spacing)) {
      throw new VolumeRejectedException("Instance " + uid + " has no valid Pixel Spacing.");
    }
    return new FrameGeometry(
        uid,
        0,
        position,
        orientation,
        spacing,
        rows,
        columns,
        image.number(DicomTags.RESCALE_SLOPE).orElse(1),
        image.number(DicomTags.RESCALE_INTERCEPT).orElse(0),
        "");
  }

  private static List<FrameGeometry> frames(String uid, DicomObject image, int rows, int columns)
      throws VolumeRejectedException {
    int frames = image.numberOfFrames();
    List<DicomAttributes> perFrame = image.sequence(DicomTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
    if (perFrame.size() != frames) {
      throw new VolumeRejectedException(
          "Instance "
              + uid
              + " has "
              + frames
              + " frames but "
              + perFrame.size()
              + " items in its Per-frame Functional Groups Sequence.");
    }
    List<FrameGeometry> planes = new ArrayList<>(frames);
    for (int f = 0; f < frames; f++) {
      String where = "Frame " + (f + 1) + " of instance " + uid;
      double[] position =
          image
              .functionalGroup(f, DicomTags.PLANE_POSITION_SEQUENCE)
              .map(item -> item.doubles(DicomTags.IMAGE_POSITION_PATIENT))
              .orElse(new double[0]);
      if (position.length != 3) {
        throw new VolumeRejectedException(
            where + " has no Image Position (Patient) in a Plane Position (Patient) group.");
      }
      double[] orientation =
          image
              .functionalGroup(f, DicomTags.PLANE_ORIENTATION_SEQUENCE)
              .map(item -> item.doubles(DicomTags.IMAGE_ORIENTATION_PATIENT))
              .orElse(new double[0]);
      if (orientation.length != 6) {
        throw new VolumeRejectedException(
            where + " has no Image Orientation (Patient) in a Plane Orientation (Patient) group.");
      }
      double[] spacing =
          image
              .functionalGroup(f, DicomTags.PIXEL_MEASURES_SEQUENCE)
              .map(item -> item.doubles(DicomTags.PIXEL_SPACING))
              .orElse(new double[0]);
      if (!valid(spacing)) {
        throw new VolumeRejectedException(
            where + " has no valid Pixel Spacing in a Pixel Measures group.");
      }
      Optional<DicomAttributes> rescale =
          image.functionalGroup(f, DicomTags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
      String stack =
          image
              .functionalGroup(f, DicomTags.FRAME_CONTENT_SEQUENCE)
              .flatMap(item -> item.string(DicomTags.STACK_ID))
              .orElse("");
      planes.add(
          new FrameGeometry(
              uid,
              f + 1,
              position,
              orientation,
              spacing,
              rows,
              columns,
              rescale.map(item -> item.number(DicomTags.RESCALE_SLOPE).orElse(1)).orElse(1.0),
              rescale.map(item -> item.number(DicomTags.RESCALE_INTERCEPT).orElse(0)).orElse(0.0),
              stack));
    }
    return planes;
  }

  private static boolean valid(double[] spacing) {
    return spacing.length == 2 && spacing[0] > 0 && spacing[1] > 0;
  }
}

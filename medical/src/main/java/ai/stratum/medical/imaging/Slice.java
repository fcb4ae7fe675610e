package ai.stratum.medical.imaging;

import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * One image plane of a series - a single-frame image or one frame of a multi-frame image - already
 * in Hounsfield units (rescale slope and intercept applied).
 *
 * @param frame the frame number (1-based) in a multi-frame image; 0 for a single-frame image
 * @param position ImagePositionPatient: centre of the first pixel, mm
 * @param orientation ImageOrientationPatient: row direction then column direction cosines
 * @param pixelSpacing row spacing (between rows, i.e. along a column) then column spacing, mm
 * @param hounsfield values row by row, clamped to the 16-bit range
 */
public record Slice(
    String sopInstanceUid,
    int frame,
    double[] position,
    double[] orientation,
    double[] pixelSpacing,
    int rows,
    int columns,
    short[] hounsfield)
    implements Plane {

  @Override
  public String label() {
    return frame == 0
        ? "instance " + sopInstanceUid
        : "frame " + frame + " of instance " + sopInstanceUid;
  }

  /**
   * Reads the geometry and pixels of a single-frame grayscale image.
   *
   * @throws VolumeRejectedException when an attribute a volume needs is missing or malformed, or
   *     the image is multi-frame
   */
  public static Slice from(DicomObject image) throws VolumeRejectedException {
    if (image.numberOfFrames() != 1) {
      throw new VolumeRejectedException(
          "Instance "
              + image.string(DicomTags.SOP_INSTANCE_UID).orElse("?")
              + " is multi-frame; its frames are read by Slice.all.");
    }
    return all(image).getFirst();
  }

  /**
   * Every plane of a grayscale image: the image itself when single-frame, each frame (with the
   * position, orientation, spacing and rescale of its functional groups) when multi-frame.
   *
   * @throws VolumeRejectedException when an attribute a volume needs is missing or malformed
   */
  public static List<Slice> all(DicomObject image) throws VolumeRejectedException {
    List<FrameGeometry> planes = FrameGeometry.of(image);
    List<Slice> slices = new ArrayList<>(planes.size());
    for (FrameGeometry plane : planes) {
      slices.add(read(image, plane));
    }
    return slices;
  }

  private static Slice read(DicomObject image, FrameGeometry plane) throws VolumeRejectedException {
    String where = plane.label();
    try {
      PixelFrame pixels = image.frame(Math.max(0, plane.frame() - 1));
      if (pixels.samplesPerPixel() != 1) {
        throw new VolumeRejectedException(
            Character.toUpperCase(where.charAt(0)) + where.substring(1) + " is not grayscale.");
      }
      int[] samples = pixels.samples();
      short[] hounsfield = new short[samples.length];
      double slope = plane.rescaleSlope();
      double intercept = plane.rescaleIntercept();
      for (int i = 0; i < samples.length; i++) {
        long value = Math.round(samples[i] * slope + intercept);
        hounsfield[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
      }
      return new Slice(
          plane.sopInstanceUid(),
          plane.frame(),
          plane.position(),
          plane.orientation(),
          plane.pixelSpacing(),
          pixels.rows(),
          pixels.columns(),
          hounsfield);
    } catch (DicomFormatException e) {
      throw new VolumeRejectedException(
          "Instance " + plane.sopInstanceUid() + ": " + e.getMessage());
    }
  }
}

package ai.stratum.medical.imaging;

import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;

/**
 * One image plane of a series, already in Hounsfield units (rescale slope and intercept applied).
 *
 * @param position ImagePositionPatient: centre of the first pixel, mm
 * @param orientation ImageOrientationPatient: row direction then column direction cosines
 * @param pixelSpacing row spacing (between rows, i.e. along a column) then column spacing, mm
 * @param hounsfield values row by row, clamped to the 16-bit range
 */
public record Slice(
    String sopInstanceUid,
    double[] position,
    double[] orientation,
    double[] pixelSpacing,
    int rows,
    int columns,
    short[] hounsfield) {

  /**
   * Reads the geometry and pixels of a single-frame grayscale image.
   *
   * @throws VolumeRejectedException when an attribute a volume needs is missing or malformed
   */
  public static Slice from(DicomObject image) throws VolumeRejectedException {
    String uid = image.string(DicomTags.SOP_INSTANCE_UID).orElse("?");
    try {
      double[] position = image.doubles(DicomTags.IMAGE_POSITION_PATIENT);
      double[] orientation = image.doubles(DicomTags.IMAGE_ORIENTATION_PATIENT);
      double[] spacing = image.doubles(DicomTags.PIXEL_SPACING);
      if (position.length != 3) {
        throw new VolumeRejectedException("Instance " + uid + " has no Image Position (Patient).");
      }
      if (orientation.length != 6) {
        throw new VolumeRejectedException(
            "Instance " + uid + " has no Image Orientation (Patient).");
      }
      if (spacing.length != 2 || spacing[0] <= 0 || spacing[1] <= 0) {
        throw new VolumeRejectedException("Instance " + uid + " has no valid Pixel Spacing.");
      }
      if (image.numberOfFrames() != 1) {
        throw new VolumeRejectedException(
            "Instance " + uid + " is multi-frame; volumes are built from single-frame slices.");
      }
      PixelFrame frame = image.frame(0);
      if (frame.samplesPerPixel() != 1) {
        throw new VolumeRejectedException("Instance " + uid + " is not grayscale.");
      }
      double slope = image.number(DicomTags.RESCALE_SLOPE).orElse(1);
      double intercept = image.number(DicomTags.RESCALE_INTERCEPT).orElse(0);
      int[] samples = frame.samples();
      short[] hounsfield = new short[samples.length];
      for (int i = 0; i < samples.length; i++) {
        long value = Math.round(samples[i] * slope + intercept);
        hounsfield[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
      }
      return new Slice(
          uid, position, orientation, spacing, frame.rows(), frame.columns(), hounsfield);
    } catch (DicomFormatException e) {
      throw new VolumeRejectedException("Instance " + uid + ": " + e.getMessage());
    }
  }
}

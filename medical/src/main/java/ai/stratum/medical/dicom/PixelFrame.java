package ai.stratum.medical.dicom;

/**
 * One decoded frame: stored values (before any rescale), row by row, samples of a pixel adjacent.
 *
 * @param photometricInterpretation e.g. {@code MONOCHROME2}, {@code RGB}
 */
public record PixelFrame(
    int rows, int columns, int samplesPerPixel, String photometricInterpretation, int[] samples) {

  public PixelFrame {
    if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0) {
      throw new IllegalArgumentException("frame dimensions must be positive");
    }
    if (samples.length != rows * columns * samplesPerPixel) {
      throw new IllegalArgumentException(
          "expected " + rows * columns * samplesPerPixel + " samples, got " + samples.length);
    }
  }

  public int sample(int row, int column) {
    return samples[(row * columns + column) * samplesPerPixel];
  }
}

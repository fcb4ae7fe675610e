package ai.stratum.medical.dicomweb.internal;

import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.medical.dicom.DicomAttributes;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Renders a frame as an 8-bit PNG: modality rescale, then the VOI window (PS3.3 C.11.2.1.2 linear
 * function) from the request's {@code window=center,width[,linear]} or the object's own.
 */
public final class Renderer {

  private Renderer() {}

  public static byte[] png(DicomObject object, int frameIndex, @Nullable String windowParameter) {
    PixelFrame frame = object.frame(frameIndex);
    BufferedImage image =
        frame.samplesPerPixel() == 3
            ? color(frame, object)
            : grayscale(frame, object, frameIndex, windowParameter);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Rescale and window of an enhanced multi-frame come from the frame's functional groups (Pixel
   * Value Transformation, Frame VOI LUT), of other images from the top level.
   */
  private static BufferedImage grayscale(
      PixelFrame frame, DicomObject object, int frameIndex, @Nullable String windowParameter) {
    DicomAttributes rescale =
        object
            .functionalGroup(frameIndex, DicomTags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE)
            .orElse(object);
    DicomAttributes voi =
        object.functionalGroup(frameIndex, DicomTags.FRAME_VOI_LUT_SEQUENCE).orElse(object);
    double slope = rescale.number(DicomTags.RESCALE_SLOPE).orElse(1);
    double intercept = rescale.number(DicomTags.RESCALE_INTERCEPT).orElse(0);
    int[] samples = frame.samples();
    double[] window = window(windowParameter, voi, samples, slope, intercept);
    double center = window[0];
    double width = Math.max(1, window[1]);
    boolean invert = frame.photometricInterpretation().equals("MONOCHROME1");
    BufferedImage image =
        new BufferedImage(frame.columns(), frame.rows(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < samples.length; i++) {
      double value = samples[i] * slope + intercept;
      double scaled = ((value - (center - 0.5)) / (width - 1) + 0.5) * 255;
      int gray = (int) Math.round(Math.max(0, Math.min(255, scaled)));
      pixels[i] = (byte) (invert ? 255 - gray : gray);
    }
    return image;
  }

  private static double[] window(
      @Nullable String parameter,
      DicomAttributes voi,
      int[] samples,
      double slope,
      double intercept) {
    if (parameter != null && !parameter.isBlank()) {
      String[] parts = parameter.split(",");
      if (parts.length < 2
          || parts.length > 3
          || (parts.length == 3 && !parts[2].strip().equalsIgnoreCase("linear"))) {
        throw new InvalidRequestException(
            "window must be 'center,width' or 'center,width,linear'.");
      }
      try {
        return new double[] {
          Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip())
        };
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("window center and width must be numbers.");
      }
    }
    double[] centers = voi.doubles(DicomTags.WINDOW_CENTER);
    double[] widths = voi.doubles(DicomTags.WINDOW_WIDTH);
    if (centers.length > 0 && widths.length > 0) {
      return new double[] {centers[0], widths[0]};
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int sample : samples) {
      min = Math.min(min, sample);
      max = Math.max(max, sample);
    }
    double low = min * slope + intercept;
    double high = max * slope + intercept;
    return new double[] {(low + high) / 2, high - low + 1};
  }

  private static BufferedImage color(PixelFrame frame, DicomObject object) {
    int bits = object.integer(DicomTags.BITS_STORED).orElse(8);
    int shift = Math.max(0, bits - 8);
    BufferedImage image =
        new BufferedImage(frame.columns(), frame.rows(), BufferedImage.TYPE_INT_RGB);
    int[] samples = frame.samples();
    for (int row = 0; row < frame.rows(); row++) {
      for (int column = 0; column < frame.columns(); column++) {
        int i = (row * frame.columns() + column) * 3;
        int r = clamp(samples[i] >> shift);
        int g = clamp(samples[i + 1] >> shift);
        int b = clamp(samples[i + 2] >> shift);
        image.setRGB(column, row, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}

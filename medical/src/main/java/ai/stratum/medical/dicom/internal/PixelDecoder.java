package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;

/** Unpacks native (uncompressed) 8- and 16-bit pixel data into stored values. */
final class PixelDecoder {

  private PixelDecoder() {}

  static PixelFrame frame(AttributeList list, int index, int frames) {
    int rows = required(list, DicomTags.ROWS);
    int columns = required(list, DicomTags.COLUMNS);
    int samplesPerPixel =
        Attribute.getSingleIntegerValueOrDefault(list, Tags.of(DicomTags.SAMPLES_PER_PIXEL), 1);
    int bitsAllocated = required(list, DicomTags.BITS_ALLOCATED);
    int bitsStored =
        Attribute.getSingleIntegerValueOrDefault(
            list, Tags.of(DicomTags.BITS_STORED), bitsAllocated);
    boolean signed =
        Attribute.getSingleIntegerValueOrDefault(list, Tags.of(DicomTags.PIXEL_REPRESENTATION), 0)
            == 1;
    boolean planar = Attribute.getSingleIntegerValueOrDefault(list, Tags.of(0x00280006), 0) == 1;
    String photometric =
        Attribute.getSingleStringValueOrDefault(
                list, Tags.of(DicomTags.PHOTOMETRIC_INTERPRETATION), "MONOCHROME2")
            .strip();
    if (samplesPerPixel != 1 && samplesPerPixel != 3) {
      throw new DicomFormatException("Samples per pixel " + samplesPerPixel + " is not supported.");
    }
    if (bitsStored < 1 || bitsStored > bitsAllocated) {
      throw new DicomFormatException(
          "Bits stored " + bitsStored + " does not fit bits allocated " + bitsAllocated + ".");
    }
    int frameSize = rows * columns * samplesPerPixel;
    long needed = (long) frameSize * frames;
    int[] samples = new int[frameSize];
    int offset = index * frameSize;
    Attribute pixels = list.getPixelData();
    try {
      switch (bitsAllocated) {
        case 8 -> {
          byte[] values = pixels.getByteValues();
          requireLength(values.length, needed);
          for (int i = 0; i < frameSize; i++) {
            samples[i] = extend(values[offset + i] & 0xFF, bitsStored, signed);
          }
        }
        case 16 -> {
          short[] values = pixels.getShortValues();
          requireLength(values.length, needed);
          for (int i = 0; i < frameSize; i++) {
            samples[i] = extend(values[offset + i] & 0xFFFF, bitsStored, signed);
          }
        }
        default ->
            throw new DicomFormatException(
                "Bits allocated " + bitsAllocated + " is not supported.");
      }
    } catch (DicomException e) {
      throw new DicomFormatException("Pixel data cannot be read: " + PixelMedReader.describe(e), e);
    }
    if (planar && samplesPerPixel == 3) {
      samples = interleave(samples, rows * columns);
    }
    return new PixelFrame(rows, columns, samplesPerPixel, photometric, samples);
  }

  /**
   * Refuses native pixel data shorter than its image pixel attributes say: PixelMed reads a file
   * cut short inside the pixel data without complaint.
   */
  static void requireCompletePixelData(AttributeList list) {
    Attribute pixels = list.getPixelData();
    if (pixels == null || pixels.getVL() == 0) {
      // PixelMed stops quietly at a value cut short, dropping it: an image without pixel data is
      // almost always such a file
      if (list.get(Tags.of(DicomTags.ROWS)) != null
          && list.get(Tags.of(0x7FE00008)) == null
          && list.get(Tags.of(0x7FE00009)) == null) {
        throw new DicomFormatException(
            "Truncated or incomplete image: it has Rows but no pixel data (7FE00010).");
      }
      return;
    }
    int rows = Attribute.getSingleIntegerValueOrDefault(list, Tags.of(DicomTags.ROWS), 0);
    int columns = Attribute.getSingleIntegerValueOrDefault(list, Tags.of(DicomTags.COLUMNS), 0);
    int samples =
        Attribute.getSingleIntegerValueOrDefault(list, Tags.of(DicomTags.SAMPLES_PER_PIXEL), 1);
    int bits = Attribute.getSingleIntegerValueOrDefault(list, Tags.of(DicomTags.BITS_ALLOCATED), 0);
    int frames =
        Math.max(
            1,
            Attribute.getSingleIntegerValueOrDefault(list, Tags.of(DicomTags.NUMBER_OF_FRAMES), 1));
    if (rows <= 0 || columns <= 0 || bits <= 0) {
      throw new DicomFormatException("Pixel data without valid Rows, Columns and Bits Allocated.");
    }
    long needed = ((long) rows * columns * samples * frames * bits + 7) / 8;
    long held;
    try {
      held =
          switch (pixels.getVRAsString()) {
            case "OW" -> 2L * pixels.getShortValues().length;
            case "OB", "UN" -> pixels.getByteValues().length;
            default -> pixels.getVL();
          };
    } catch (DicomException e) {
      throw new DicomFormatException("Pixel data cannot be read: " + PixelMedReader.describe(e), e);
    }
    if (held < needed) {
      throw new DicomFormatException(
          "Truncated DICOM object: pixel data holds "
              + held
              + " bytes, the image needs "
              + needed
              + ".");
    }
  }

  private static int required(AttributeList list, int tag) {
    int value = Attribute.getSingleIntegerValueOrDefault(list, Tags.of(tag), -1);
    if (value <= 0) {
      throw new DicomFormatException(
          "Attribute " + DicomTags.hex(tag) + " is missing or not positive.");
    }
    return value;
  }

  private static void requireLength(int actual, long needed) {
    if (actual < needed) {
      throw new DicomFormatException(
          "Pixel data holds "
              + actual
              + " values, rows x columns x samples x frames needs "
              + needed
              + ".");
    }
  }

  private static int extend(int raw, int bitsStored, boolean signed) {
    int value = bitsStored >= 32 ? raw : raw & ((1 << bitsStored) - 1);
    if (signed && bitsStored < 32 && (value & (1 << (bitsStored - 1))) != 0) {
      value -= 1 << bitsStored;
    }
    return value;
  }

  private static int[] interleave(int[] planar, int pixels) {
    int[] interleaved = new int[planar.length];
    for (int i = 0; i < pixels; i++) {
      interleaved[i * 3] = planar[i];
      interleaved[i * 3 + 1] = planar[pixels + i];
      interleaved[i * 3 + 2] = planar[2 * pixels + i];
    }
    return interleaved;
  }
}

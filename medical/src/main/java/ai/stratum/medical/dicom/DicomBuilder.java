package ai.stratum.medical.dicom;

import java.util.List;

/**
 * Builds a new DICOM object attribute by attribute; value representations come from the DICOM
 * dictionary. Not thread-safe.
 */
public interface DicomBuilder {

  DicomBuilder string(int tag, String... values);

  DicomBuilder numbers(int tag, double... values);

  DicomBuilder integers(int tag, int... values);

  /**
   * Sets a sequence whose items are the attributes given to other builders from {@link
   * Dicom#builder()}; no items makes an empty sequence (for type 2 sequences).
   */
  DicomBuilder sequence(int tag, List<DicomBuilder> items);

  /**
   * Sets 16-bit monochrome pixel data (MONOCHROME2, one frame) and the image pixel module
   * attributes that describe it.
   */
  DicomBuilder pixels16(int rows, int columns, short[] values, boolean signed);

  /**
   * Sets 16-bit monochrome pixel data of {@code frames} frames, one after the other, with Number of
   * Frames and the image pixel module attributes.
   */
  DicomBuilder pixels16(int rows, int columns, int frames, short[] values, boolean signed);

  /** The object, in Explicit VR Little Endian. */
  DicomObject build();
}

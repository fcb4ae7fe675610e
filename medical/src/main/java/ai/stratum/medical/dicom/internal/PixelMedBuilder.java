package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomBuilder;
import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.TransferSyntaxes;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import java.util.List;

/** Builds an attribute list with PixelMed's dictionary. */
public final class PixelMedBuilder implements DicomBuilder {

  private final AttributeList list = new AttributeList();

  @Override
  public DicomBuilder string(int tag, String... values) {
    return put(
        tag,
        attribute -> {
          for (String value : values) {
            attribute.addValue(value);
          }
        });
  }

  @Override
  public DicomBuilder numbers(int tag, double... values) {
    return put(
        tag,
        attribute -> {
          for (double value : values) {
            attribute.addValue(value);
          }
        });
  }

  @Override
  public DicomBuilder integers(int tag, int... values) {
    return put(
        tag,
        attribute -> {
          for (int value : values) {
            attribute.addValue(value);
          }
        });
  }

  @Override
  public DicomBuilder sequence(int tag, List<DicomBuilder> items) {
    SequenceAttribute sequence = new SequenceAttribute(Tags.of(tag));
    for (DicomBuilder item : items) {
      if (!(item instanceof PixelMedBuilder builder)) {
        throw new IllegalArgumentException("sequence items must come from Dicom.builder()");
      }
      sequence.addItem(builder.list);
    }
    list.put(sequence);
    return this;
  }

  @Override
  public DicomBuilder pixels16(int rows, int columns, short[] values, boolean signed) {
    return pixels(rows, columns, 1, values, signed);
  }

  @Override
  public DicomBuilder pixels16(int rows, int columns, int frames, short[] values, boolean signed) {
    integers(DicomTags.NUMBER_OF_FRAMES, frames);
    return pixels(rows, columns, frames, values, signed);
  }

  private DicomBuilder pixels(int rows, int columns, int frames, short[] values, boolean signed) {
    if (values.length != (long) rows * columns * frames) {
      throw new IllegalArgumentException(
          "expected " + (long) rows * columns * frames + " pixels, got " + values.length);
    }
    integers(DicomTags.ROWS, rows);
    integers(DicomTags.COLUMNS, columns);
    integers(DicomTags.SAMPLES_PER_PIXEL, 1);
    string(DicomTags.PHOTOMETRIC_INTERPRETATION, "MONOCHROME2");
    integers(DicomTags.BITS_ALLOCATED, 16);
    integers(DicomTags.BITS_STORED, 16);
    integers(DicomTags.HIGH_BIT, 15);
    integers(DicomTags.PIXEL_REPRESENTATION, signed ? 1 : 0);
    OtherWordAttribute pixels = new OtherWordAttribute(Tags.of(DicomTags.PIXEL_DATA));
    try {
      pixels.setValues(values);
    } catch (DicomException e) {
      throw new IllegalArgumentException("bad pixel data", e);
    }
    list.put(pixels);
    return this;
  }

  @Override
  public DicomObject build() {
    try {
      return PixelMedObject.parsed(list, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN);
    } catch (DicomFormatException e) {
      throw new IllegalStateException("incomplete object: " + e.getMessage(), e);
    }
  }

  /** Adds values to a new attribute; PixelMed checks each against the attribute's VR. */
  @FunctionalInterface
  private interface Values {
    void addTo(Attribute attribute) throws DicomException;
  }

  private DicomBuilder put(int tag, Values values) {
    Attribute attribute = newAttribute(tag);
    try {
      values.addTo(attribute);
    } catch (DicomException e) {
      throw new IllegalArgumentException("bad value for " + DicomTags.hex(tag), e);
    }
    list.put(attribute);
    return this;
  }

  private static Attribute newAttribute(int tag) {
    try {
      return AttributeFactory.newAttribute(Tags.of(tag));
    } catch (DicomException e) {
      throw new IllegalArgumentException("unknown attribute " + DicomTags.hex(tag), e);
    }
  }
}

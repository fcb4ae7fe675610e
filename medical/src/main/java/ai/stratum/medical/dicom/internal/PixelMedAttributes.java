package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomAttributes;
import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomTags;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Read access to a PixelMed attribute list: a whole data set or one sequence item. */
class PixelMedAttributes implements DicomAttributes {

  final AttributeList list;

  PixelMedAttributes(AttributeList list) {
    this.list = list;
  }

  @Override
  public boolean contains(int tag) {
    return list.get(Tags.of(tag)) != null;
  }

  @Override
  public Optional<String> string(int tag) {
    String value = Attribute.getSingleStringValueOrNull(list, Tags.of(tag));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @Override
  public List<String> strings(int tag) {
    String[] values = Attribute.getStringValues(list, Tags.of(tag));
    if (values == null) {
      return List.of();
    }
    return Arrays.stream(values).map(v -> v == null ? "" : v.strip()).toList();
  }

  @Override
  public double[] doubles(int tag) {
    Attribute attribute = list.get(Tags.of(tag));
    if (attribute == null || attribute.getVM() == 0) {
      return new double[0];
    }
    try {
      return attribute.getDoubleValues();
    } catch (DicomException | RuntimeException e) {
      throw new DicomFormatException(
          "Attribute " + DicomTags.hex(tag) + " does not hold numbers.", e);
    }
  }

  @Override
  public OptionalDouble number(int tag) {
    double[] values = doubles(tag);
    return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(values[0]);
  }

  @Override
  public OptionalInt integer(int tag) {
    OptionalDouble value = number(tag);
    return value.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) value.getAsDouble());
  }

  @Override
  public List<DicomAttributes> sequence(int tag) {
    if (!(list.get(Tags.of(tag)) instanceof SequenceAttribute sequence)) {
      return List.of();
    }
    List<DicomAttributes> items = new ArrayList<>(sequence.getNumberOfItems());
    for (int i = 0; i < sequence.getNumberOfItems(); i++) {
      items.add(new PixelMedAttributes(sequence.getItem(i).getAttributeList()));
    }
    return items;
  }
}

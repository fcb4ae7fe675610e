package ai.stratum.medical.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DicomReaderTest {

  private static final DicomObject SLICE = PhantomSeries.of(PhantomSpec.small(1)).slice(3);

  @Test
  void readsBackWhatWasWrittenWithIdenticalCanonicalBytes() {
    byte[] part10 = SLICE.toPart10();

    DicomObject read = Dicom.reader().read(part10);

    assertThat(read.string(DicomTags.SOP_INSTANCE_UID))
        .isEqualTo(SLICE.string(DicomTags.SOP_INSTANCE_UID));
    assertThat(read.doubles(DicomTags.IMAGE_POSITION_PATIENT))
        .containsExactly(SLICE.doubles(DicomTags.IMAGE_POSITION_PATIENT));
    assertThat(read.frame(0).samples()).isEqualTo(SLICE.frame(0).samples());
    assertThat(read.toPart10()).isEqualTo(part10);
  }

  @Test
  void encodesAnImplicitVrDatasetToTheSameCanonicalBytesAsTheFile() {
    byte[] part10 = SLICE.toPart10();
    DicomObject fromFile = Dicom.reader().read(part10);

    byte[] implicitDataset = ImplicitVr.datasetOf(part10);
    DicomObject fromNetwork =
        Dicom.reader().readDataset(implicitDataset, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);

    assertThat(fromNetwork.toPart10()).isEqualTo(fromFile.toPart10());
  }

  @Test
  void refusesBytesThatAreNotDicom() {
    assertThatThrownBy(() ->
            Dicom.reader()
                .read(
                    "hello, this is not DICOM at all"
                        .repeat(20)
                        .getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(DicomFormatException.class);
  }

  @Test
  void refusesATruncatedFile() {
    byte[] part10 = SLICE.toPart10();
    byte[] truncated = Arrays.copyOf(part10, part10.length - 1000);

    assertThatThrownBy(() -> Dicom.reader().read(truncated))
        .isInstanceOf(DicomFormatException.class)
        .hasMessageContaining("Truncated");
  }

  @Test
  void refusesAFileCutInsideItsHeader() {
    byte[] truncated = Arrays.copyOf(SLICE.toPart10(), 400);

    assertThatThrownBy(() -> Dicom.reader().read(truncated))
        .isInstanceOf(DicomFormatException.class);
  }

  @Test
  void refusesAnUnknownTransferSyntax() {
    byte[] part10 = SLICE.toPart10();
    String original = TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN + "\0";
    String unknown = "1.2.840.10008.1.2.9";
    byte[] changed =
        replace(
            part10,
            original.getBytes(StandardCharsets.US_ASCII),
            unknown.getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> Dicom.reader().read(changed))
        .isInstanceOf(UnsupportedTransferSyntaxException.class)
        .hasMessageContaining(unknown);
  }

  @Test
  void writesDicomJsonWithPersonNamesNumbersAndBulkData() {
    var json = SLICE.toJson("http://host/bulk");

    assertThat(json.get("00100010").get("Value").get(0).get("Alphabetic").asString())
        .startsWith("Phantom^");
    assertThat(json.get("00200013").get("Value").get(0).asInt()).isEqualTo(4);
    assertThat(json.get("7FE00010").get("BulkDataURI").asString()).isEqualTo("http://host/bulk");
    assertThat(json.has("00020010")).isFalse();
  }

  private static byte[] replace(byte[] data, byte[] from, byte[] to) {
    for (int i = 0; i < data.length - from.length; i++) {
      if (Arrays.equals(data, i, i + from.length, from, 0, from.length)) {
        byte[] copy = data.clone();
        System.arraycopy(to, 0, copy, i, to.length);
        return copy;
      }
    }
    throw new AssertionError("pattern not found");
  }
}

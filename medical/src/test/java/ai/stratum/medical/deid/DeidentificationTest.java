package ai.stratum.medical.deid;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeidentificationTest {

  private final PhantomSeries series = PhantomSeries.of(PhantomSpec.small(3));
  private final Deidentification export =
      new Deidentification(
          "SUBJECT-001", "a secret of the export".getBytes(StandardCharsets.UTF_8));

  @Test
  void removesPatientIdentityAndDatesButKeepsPixels() {
    DicomObject original = series.slice(0);

    DicomObject clean = Dicom.reader().read(export.apply(original.toPart10()));

    assertThat(clean.string(DicomTags.PATIENT_NAME)).contains("SUBJECT-001");
    assertThat(clean.string(DicomTags.PATIENT_ID)).contains("SUBJECT-001");
    assertThat(clean.string(DicomTags.PATIENT_BIRTH_DATE)).isEmpty();
    assertThat(clean.string(DicomTags.ACCESSION_NUMBER)).isEmpty();
    assertThat(clean.string(DicomTags.STUDY_DATE))
        .isNotEqualTo(original.string(DicomTags.STUDY_DATE));
    assertThat(clean.string(0x00120062)).contains("YES");
    assertThat(clean.frame(0).samples()).isEqualTo(original.frame(0).samples());
    assertThat(clean.doubles(DicomTags.IMAGE_POSITION_PATIENT))
        .containsExactly(original.doubles(DicomTags.IMAGE_POSITION_PATIENT));
  }

  @Test
  void replacesUidsConsistentlyWithinTheExportAndKeepsSopClass() {
    DicomObject first = Dicom.reader().read(export.apply(series.slice(0).toPart10()));
    DicomObject second = Dicom.reader().read(export.apply(series.slice(1).toPart10()));

    assertThat(first.string(DicomTags.STUDY_INSTANCE_UID))
        .isNotEqualTo(series.slice(0).string(DicomTags.STUDY_INSTANCE_UID));
    assertThat(first.string(DicomTags.STUDY_INSTANCE_UID))
        .isEqualTo(second.string(DicomTags.STUDY_INSTANCE_UID));
    assertThat(first.string(DicomTags.SERIES_INSTANCE_UID))
        .isEqualTo(second.string(DicomTags.SERIES_INSTANCE_UID));
    assertThat(first.string(DicomTags.SOP_INSTANCE_UID))
        .isNotEqualTo(second.string(DicomTags.SOP_INSTANCE_UID));
    assertThat(first.string(DicomTags.SOP_CLASS_UID)).contains(PhantomSeries.CT_IMAGE_STORAGE);
    assertThat(first.string(DicomTags.STUDY_INSTANCE_UID).orElseThrow()).startsWith("2.25.");
  }
}

package ai.stratum.medical.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.DicomTools;
import ai.stratum.medical.detection.Analysis;
import ai.stratum.medical.detection.Attenuation;
import ai.stratum.medical.detection.Finding;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import ai.stratum.medical.store.StoredInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TID 1500 SR written for an analysis: standard codes only (DCM, SCT, UCUM, RFC5646), checked
 * by dciodvfy (dicom3tools) and read back with dcmdump (DCMTK).
 */
class MeasurementReportTest {

  private static final TenantId TENANT = TenantId.of("hospital-a");

  private final PhantomSeries ct = PhantomSeries.of(PhantomSpec.small(7));

  @Test
  void writesEveryConceptWithAStandardCodeAndPassesDciodvfyWithoutErrorsOrWarnings(
      @TempDir Path directory) throws Exception {
    Path file = directory.resolve("sr.dcm");
    Files.write(file, report(true).toPart10());

    String verification = run("/usr/bin/dciodvfy", file);
    assertThat(verification.lines().filter(line -> line.startsWith("Error")))
        .as(verification)
        .isEmpty();
    assertThat(verification.lines().filter(line -> line.startsWith("Warning")))
        .as(verification)
        .isEmpty();

    String dump = run("/usr/bin/dcmdump", file);
    assertThat(dump)
        .contains("[126000]", "[121049]", "[121005]", "[121007]", "[121012]", "[126010]")
        .contains("[125007]", "[112039]", "[112040]", "[121071]", "[27925004]", "[39607008]")
        .contains("[111010]", "[81827009]", "[118565006]", "[112027]", "[35702001]", "[112120]")
        .contains("[111012]", "[121401]", "[386136009]", "[mm3]", "[%]")
        .doesNotContain("99STRATUM");
    assertThat(dump.lines().filter(line -> line.contains("(0008,0102)")))
        .allSatisfy(
            line -> assertThat(line).containsAnyOf("[DCM]", "[SCT]", "[UCUM]", "[RFC5646]"));
  }

  @Test
  void givesAPercentCertaintyAndItsStandardDeviationPerFinding(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("sr.dcm");
    Files.write(file, report(true).toPart10());

    String dump = run("/usr/bin/dcmdump", file);
    assertThat(dump).contains("[87.5000]", "[4.0000]");
  }

  @Test
  void reportsTheReasonAsACommentWhenTheSeriesWasNotAnalysed(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("sr.dcm");
    Files.write(file, report(false).toPart10());

    String dump = run("/usr/bin/dcmdump", file);
    assertThat(dump).contains("Not analysed: too few slices").doesNotContain("[125007]");
    String verification = run("/usr/bin/dciodvfy", file);
    assertThat(verification.lines().filter(line -> line.startsWith("Error")))
        .as(verification)
        .isEmpty();
  }

  private DicomObject report(boolean analysed) {
    DicomObject image = ct.slice(0);
    List<StoredInstance> images = new ArrayList<>();
    for (int i = 0; i < ct.spec().slices(); i++) {
      DicomObject slice = ct.slice(i);
      images.add(
          new StoredInstance(
              TENANT,
              ct.studyInstanceUid(),
              ct.seriesInstanceUid(),
              slice.string(DicomTags.SOP_INSTANCE_UID).orElseThrow(),
              PhantomSeries.CT_IMAGE_STORAGE,
              i + 1,
              "1.2.840.10008.1.2.1",
              null,
              null,
              1,
              new ContentAddress("0".repeat(64)),
              0));
    }
    List<Finding> findings =
        analysed
            ? List.of(
                new Finding(
                    UUID.randomUUID(),
                    Uids.random(),
                    -20.5,
                    31.25,
                    -40,
                    12.5,
                    1022.7,
                    Attenuation.SOLID,
                    0.875,
                    0.04),
                new Finding(
                    UUID.randomUUID(),
                    Uids.random(),
                    40,
                    -10,
                    -35,
                    8,
                    268,
                    Attenuation.GROUND_GLASS,
                    0.6,
                    0.1))
            : List.of();
    Analysis analysis =
        new Analysis(
            TENANT,
            ct.studyInstanceUid(),
            ct.seriesInstanceUid(),
            analysed,
            analysed ? null : "too few slices",
            analysed ? 2500.0 : null,
            findings,
            Map.of(),
            Instant.parse("2026-11-26T10:00:00Z"));
    return MeasurementReport.write(analysis, image, images, Uids.random(), Uids.random());
  }

  private static String run(String tool, Path file) throws Exception {
    assumeThat(Path.of(tool)).as("%s (Debian dicom3tools / dcmtk) is installed", tool).exists();
    return DicomTools.run(Duration.ofMinutes(1), tool, file.toString()).output();
  }
}

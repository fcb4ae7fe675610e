package ai.stratum.medical.report;

import ai.stratum.medical.detection.Finding;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The nodule report of one CT series: the payload of {@code medical.findings} events of type
 * {@value #TYPE} and the JSON form of {@code GET /api/medical/studies/{uid}/report}.
 *
 * @param status {@code analysed} or {@code not-analysed}
 * @param reason why it was not analysed; null when it was
 * @param srSopInstanceUid the DICOM SR stored into the study (WADO-RS serves it)
 */
public record FindingsReport(
    String studyInstanceUid,
    String seriesInstanceUid,
    String status,
    @Nullable String reason,
    String srSeriesInstanceUid,
    String srSopInstanceUid,
    Instant analysedAt,
    List<Finding> findings) {

  public static final String TYPE = "medical.findings.reported";
}

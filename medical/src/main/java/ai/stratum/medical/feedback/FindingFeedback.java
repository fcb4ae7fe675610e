package ai.stratum.medical.feedback;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinician's verdict on one finding: the payload of {@code medical.feedback} events of type
 * {@value #TYPE} (key: finding id), for the continual-learning service.
 *
 * @param verdict {@code CONFIRMED} or {@code REJECTED}
 */
public record FindingFeedback(
    UUID findingId,
    String studyInstanceUid,
    String seriesInstanceUid,
    String trackingUid,
    String verdict,
    String clinician,
    String comment,
    double probability,
    Instant recordedAt) {

  public static final String TYPE = "medical.finding.feedback";
}

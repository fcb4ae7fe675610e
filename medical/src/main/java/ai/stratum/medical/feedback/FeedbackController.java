package ai.stratum.medical.feedback;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.events.Topic;
import ai.stratum.core.tenancy.TenantContext;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.medical.detection.Analyses;
import ai.stratum.medical.feedback.internal.FeedbackRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/medical/findings/{id}/feedback} with {@code {"verdict": "CONFIRMED" |
 * "REJECTED", "clinician": "...", "comment": "..."}} records a verdict and publishes it to {@code
 * medical.feedback}; {@code GET} on the same path lists the verdicts given so far.
 */
@RestController
class FeedbackController {

  private static final Set<String> VERDICTS = Set.of("CONFIRMED", "REJECTED");

  private final Analyses analyses;
  private final FeedbackRepository feedback;
  private final ObjectProvider<EventPublisher> publisher;

  FeedbackController(
      Analyses analyses, FeedbackRepository feedback, ObjectProvider<EventPublisher> publisher) {
    this.analyses = analyses;
    this.feedback = feedback;
    this.publisher = publisher;
  }

  record Verdict(@Nullable String verdict, @Nullable String clinician, @Nullable String comment) {}

  @PostMapping(path = "/api/medical/findings/{findingId}/feedback", produces = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  FindingFeedback record(@PathVariable UUID findingId, @RequestBody Verdict verdict)
      throws InterruptedException, ExecutionException, TimeoutException {
    TenantId tenant = TenantContext.require();
    if (verdict.verdict() == null || !VERDICTS.contains(verdict.verdict())) {
      throw new InvalidRequestException("verdict must be CONFIRMED or REJECTED");
    }
    if (verdict.clinician() == null || verdict.clinician().isBlank()) {
      throw new InvalidRequestException("clinician is required");
    }
    Analyses.StudyFinding finding =
        analyses
            .finding(tenant, findingId)
            .orElseThrow(() -> new NotFoundException("finding", findingId));
    FindingFeedback recorded =
        new FindingFeedback(
            findingId,
            finding.studyInstanceUid(),
            finding.seriesInstanceUid(),
            finding.finding().trackingUid(),
            verdict.verdict(),
            verdict.clinician(),
            verdict.comment() == null ? "" : verdict.comment(),
            finding.finding().probability(),
            Instant.now());
    feedback.save(tenant, recorded);
    EventPublisher events = publisher.getIfAvailable();
    if (events != null) {
      // the verdict is acknowledged only once the broker has it, so learning never misses one
      events
          .publish(
              Topic.MEDICAL_FEEDBACK,
              findingId.toString(),
              EventEnvelope.of(tenant, FindingFeedback.TYPE, recorded))
          .get(30, TimeUnit.SECONDS);
    }
    return recorded;
  }

  @GetMapping(path = "/api/medical/findings/{findingId}/feedback", produces = "application/json")
  List<Map<String, Object>> history(@PathVariable UUID findingId) {
    TenantId tenant = TenantContext.require();
    if (analyses.finding(tenant, findingId).isEmpty()) {
      throw new NotFoundException("finding", findingId);
    }
    return feedback.history(tenant, findingId).stream()
        .map(row ->
            Map.<String, Object>of(
                "verdict", row[0], "clinician", row[1], "comment", row[2], "recordedAt", row[3]))
        .toList();
  }
}

package ai.stratum.medical.detection;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.detection.internal.AnalysisRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Reads nodule analyses and findings, per tenant, and tracks which analyses still wait for their
 * report: an analysis is saved with its report pending, so a report lost to a crash is made later
 * rather than never.
 */
@Service
public class Analyses {

  private final AnalysisRepository repository;

  Analyses(AnalysisRepository repository) {
    this.repository = repository;
  }

  /** Analyses of every series of the study, latest first. */
  public List<Analysis> ofStudy(TenantId tenant, String studyUid) {
    return repository.ofStudy(tenant, studyUid);
  }

  /** A finding and the study it belongs to. */
  public Optional<StudyFinding> finding(TenantId tenant, UUID findingId) {
    return repository.finding(tenant, findingId);
  }

  /** The analysis of a series whose report is still to be made. */
  public Optional<PendingReport> pendingReport(TenantId tenant, String seriesUid) {
    return repository.pendingReport(tenant, seriesUid);
  }

  /** Series whose report has been pending since before {@code before}, oldest first. */
  public List<SeriesRef> pendingReportsSince(Instant before, int limit) {
    return repository.pendingReportsSince(before, limit);
  }

  /**
   * Marks the report of an analysis made, in the caller's transaction; false when another reporter
   * made it first or the analysis was replaced, and the caller must then not record it again.
   */
  public boolean markReported(TenantId tenant, String seriesUid, UUID analysisId) {
    return repository.markReported(tenant, seriesUid, analysisId);
  }

  /**
   * An analysis whose report is pending.
   *
   * @param analysisId identifies this analysis of the series (a new analysis gets a new one), so
   *     what is derived from it, such as the SR's UID, is the same on every attempt
   */
  public record PendingReport(UUID analysisId, Analysis analysis) {}

  /** A series of a tenant. */
  public record SeriesRef(TenantId tenant, String seriesUid) {}

  /** A finding with the study and series it was found in. */
  public record StudyFinding(String studyInstanceUid, String seriesInstanceUid, Finding finding) {}
}

package ai.stratum.medical.detection;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.detection.internal.AnalysisRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads nodule analyses and findings, per tenant. */
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

  /** A finding with the study and series it was found in. */
  public record StudyFinding(String studyInstanceUid, String seriesInstanceUid, Finding finding) {}
}

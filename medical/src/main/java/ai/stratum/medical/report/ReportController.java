package ai.stratum.medical.report;

import ai.stratum.core.tenancy.TenantContext;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.medical.report.internal.FhirReports;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/medical/studies/{uid}/report}: the study's nodule reports as JSON (every analysed
 * series, latest first), or with {@code Accept: application/fhir+json} the latest as a FHIR R4
 * DiagnosticReport.
 */
@RestController
class ReportController {

  static final String FHIR_JSON = "application/fhir+json";

  private final ReportService reports;
  private final FhirReports fhir;

  ReportController(ReportService reports, FhirReports fhir) {
    this.reports = reports;
    this.fhir = fhir;
  }

  @GetMapping(path = "/api/medical/studies/{studyUid}/report", produces = "application/json")
  Map<String, Object> json(@PathVariable String studyUid) {
    return Map.of("studyInstanceUid", studyUid, "reports", require(studyUid));
  }

  @GetMapping(path = "/api/medical/studies/{studyUid}/report", produces = FHIR_JSON)
  String fhir(@PathVariable String studyUid) {
    return fhir.json(require(studyUid).getFirst());
  }

  private List<FindingsReport> require(String studyUid) {
    List<FindingsReport> found = reports.ofStudy(TenantContext.require(), studyUid);
    if (found.isEmpty()) {
      throw new NotFoundException("no nodule report for study " + studyUid + " (yet)");
    }
    return found;
  }
}

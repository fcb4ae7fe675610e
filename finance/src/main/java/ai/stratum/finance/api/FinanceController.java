package ai.stratum.finance.api;

import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.audit.AuditPage;
import ai.stratum.core.tenancy.TenantContext;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidField;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.core.web.PayloadTooLargeException;
import ai.stratum.finance.cases.Case;
import ai.stratum.finance.cases.CaseQueries;
import ai.stratum.finance.cases.CaseStatus;
import ai.stratum.finance.cases.LabelIntake;
import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.Label;
import ai.stratum.finance.contract.ReadResult;
import ai.stratum.finance.contract.RejectionReason;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import ai.stratum.finance.decisions.DecisionLookup;
import ai.stratum.finance.live.LiveStatistics;
import ai.stratum.finance.live.LiveView;
import ai.stratum.finance.threshold.ThresholdPolicy;
import ai.stratum.finance.threshold.Thresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance")
class FinanceController {

  private final TransactionReader reader;
  private final DecisionEngine engine;
  private final DecisionLookup decisions;
  private final LabelIntake labels;
  private final CaseQueries cases;
  private final ThresholdPolicy thresholds;
  private final AuditLog audit;
  private final LiveStatistics live;

  FinanceController(
      TransactionReader reader,
      DecisionEngine engine,
      DecisionLookup decisions,
      LabelIntake labels,
      CaseQueries cases,
      ThresholdPolicy thresholds,
      AuditLog audit,
      LiveStatistics live) {
    this.reader = reader;
    this.engine = engine;
    this.decisions = decisions;
    this.labels = labels;
    this.cases = cases;
    this.thresholds = thresholds;
    this.audit = audit;
    this.live = live;
  }

  /**
   * Decides one transaction synchronously, through the same reader, features, models, reasons and
   * thresholds as the stream. The decision is returned, not published.
   */
  @PostMapping(path = "/score", consumes = MediaType.APPLICATION_JSON_VALUE)
  Decision score(@RequestBody byte[] body) {
    Instant receivedAt = Instant.now();
    TenantId tenant = TenantContext.require();
    Transaction transaction =
        switch (reader.read(body)) {
          case ReadResult.Accepted accepted -> accepted.transaction();
          case ReadResult.Rejected rejected -> throw refusal(rejected);
        };
    if (!transaction.tenantId().equals(tenant)) {
      throw new InvalidRequestException(
          "The transaction's tenantId does not match the caller's tenant.",
          List.of(new InvalidField("tenantId", "must be the caller's tenant")));
    }
    return engine.decide(List.of(transaction), receivedAt).getFirst();
  }

  @GetMapping("/decisions/{transactionId}")
  Decision decision(@PathVariable String transactionId) {
    TenantId tenant = TenantContext.require();
    return decisions
        .find(tenant, transactionId)
        .orElseThrow(() -> new NotFoundException("decision", transactionId));
  }

  @PostMapping("/labels")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Label label(@RequestBody LabelRequest request) {
    TenantId tenant = TenantContext.require();
    List<InvalidField> errors = new ArrayList<>();
    if (request.transactionId() == null
        || request.transactionId().isBlank()
        || request.transactionId().length() > 64) {
      errors.add(new InvalidField("transactionId", "required, 1-64 characters"));
    }
    if (request.fraud() == null) {
      errors.add(new InvalidField("fraud", "required: true for fraud, false for legitimate"));
    }
    if (request.source() == null || request.source().isBlank() || request.source().length() > 64) {
      errors.add(
          new InvalidField("source", "required, 1-64 characters (e.g. chargeback, analyst)"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The label is incomplete.", errors);
    }
    Label label =
        new Label(
            request.transactionId(),
            tenant,
            request.fraud(),
            request.source(),
            request.labelledAt() == null ? Instant.now() : request.labelledAt(),
            request.pattern());
    labels.publish(label);
    return label;
  }

  @GetMapping("/cases")
  List<Case> cases(
      @RequestParam(defaultValue = "OPEN") CaseStatus status,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException("limit must be between 1 and 500.");
    }
    return cases.list(TenantContext.require(), status, limit);
  }

  @GetMapping("/thresholds")
  Thresholds thresholds() {
    return thresholds.current(TenantContext.require());
  }

  /** The audit trail of the tenant's threshold changes (and its other audited actions). */
  @GetMapping("/thresholds/history")
  AuditPage thresholdHistory(
      @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
    return audit.page(TenantContext.require(), after, Math.min(Math.max(limit, 1), 500));
  }

  /**
   * The tenant's decision stream over the last {@code seconds} (1 to 3600): throughput, latency,
   * alert rate, outcomes, recent declines and dead letters, for the console's live view.
   */
  @GetMapping("/live")
  LiveView live(@RequestParam(defaultValue = "60") int seconds) {
    TenantId tenant = TenantContext.require();
    if (seconds < 1 || seconds > LiveStatistics.MAX_WINDOW_SECONDS) {
      throw new InvalidRequestException(
          "seconds must be between 1 and " + LiveStatistics.MAX_WINDOW_SECONDS + ".",
          List.of(
              new InvalidField(
                  "seconds",
                  "between 1 and " + LiveStatistics.MAX_WINDOW_SECONDS + ", got " + seconds)));
    }
    return live.view(tenant, seconds);
  }

  private RuntimeException refusal(ReadResult.Rejected rejected) {
    if (rejected.reason() == RejectionReason.OVERSIZED) {
      return new PayloadTooLargeException(reader.maxRecordBytes());
    }
    return new InvalidRequestException(
        "The transaction breaks the contract ("
            + rejected.reason().code()
            + "): "
            + rejected.detail(),
        rejected.violations());
  }
}

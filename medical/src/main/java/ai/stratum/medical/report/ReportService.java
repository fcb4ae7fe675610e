package ai.stratum.medical.report;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.Topic;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.delivery.Outbox;
import ai.stratum.medical.delivery.OutboxRelay;
import ai.stratum.medical.detection.Analyses;
import ai.stratum.medical.detection.Analysis;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.report.internal.ForwardQueue;
import ai.stratum.medical.report.internal.MeasurementReport;
import ai.stratum.medical.report.internal.ReportRepository;
import ai.stratum.medical.report.internal.SrForwarder;
import ai.stratum.medical.report.internal.Uids;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.IngestResult;
import ai.stratum.medical.store.Source;
import ai.stratum.medical.store.StoredInstance;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns each completed analysis into reports: a TID 1500 SR stored into the study (so QIDO-RS and
 * WADO-RS serve it with the images), then {@code medical.findings}. Runs on the detection worker's
 * thread, so a report is stored before the worker takes the next study. The report, the SR's
 * forwards to the tenant's targets and the {@code medical.findings} event (through the outbox) are
 * committed in one transaction, which also clears the analysis' pending report; {@link
 * PendingReportSweep} makes reports left pending by a crash or a failure.
 */
@Service
public class ReportService {

  private final DicomStore store;
  private final Analyses analyses;
  private final ReportRepository reports;
  private final Outbox outbox;
  private final OutboxRelay relay;
  private final ForwardingProperties forwarding;
  private final ForwardQueue forwards;
  private final SrForwarder forwarder;
  private final TransactionTemplate transactions;

  ReportService(
      DicomStore store,
      Analyses analyses,
      ReportRepository reports,
      Outbox outbox,
      OutboxRelay relay,
      ForwardingProperties forwarding,
      ForwardQueue forwards,
      SrForwarder forwarder,
      TransactionTemplate transactions) {
    this.store = store;
    this.analyses = analyses;
    this.reports = reports;
    this.outbox = outbox;
    this.relay = relay;
    this.forwarding = forwarding;
    this.forwards = forwards;
    this.forwarder = forwarder;
    this.transactions = transactions;
  }

  @EventListener
  void on(Analysis analysis) throws IOException {
    report(analysis.tenant(), analysis.seriesInstanceUid());
  }

  /**
   * Makes the pending report of a series' analysis, if there is one; safe to repeat and to run
   * concurrently. The SR's UID derives from the analysis, so a second attempt (after a crash or by
   * another reporter) finds the SR already stored rather than storing a second one; the transaction
   * that clears the pending mark records the report, forwards and event, so they are recorded once.
   * Returns whether this call recorded the report.
   */
  public boolean report(TenantId tenant, String seriesUid) throws IOException {
    Optional<Analyses.PendingReport> pending = analyses.pendingReport(tenant, seriesUid);
    if (pending.isEmpty()) {
      return false;
    }
    UUID analysisId = pending.get().analysisId();
    Analysis analysis = pending.get().analysis();
    List<StoredInstance> images =
        store.instances(tenant, analysis.studyInstanceUid(), analysis.seriesInstanceUid());
    String srSeriesUid = null;
    String srInstanceUid = null;
    if (!images.isEmpty()) {
      srSeriesUid = Uids.fromName("stratum-sr-series/" + analysis.seriesInstanceUid());
      srInstanceUid =
          Uids.fromName(
              "stratum-sr/"
                  + tenant.value()
                  + "/"
                  + analysis.seriesInstanceUid()
                  + "/"
                  + analysisId);
      if (store.instance(tenant, srInstanceUid).isEmpty()) {
        DicomObject image = store.read(images.getFirst());
        DicomObject sr =
            MeasurementReport.write(analysis, image, images, srSeriesUid, srInstanceUid);
        IngestResult result = store.ingest(tenant, sr, Source.LOCAL);
        if (result instanceof IngestResult.Refused refused) {
          throw new IllegalStateException("the SR was refused: " + refused.detail());
        }
      }
    }
    String series = srSeriesUid;
    String instance = srInstanceUid;
    List<String> targets =
        instance == null
            ? List.of()
            : forwarding.targets().getOrDefault(tenant.value(), List.of()).stream()
                .map(ForwardingProperties.Target::name)
                .toList();
    FindingsReport report = report(analysis, series, instance);
    // the report, its forwards and its medical.findings event commit together with the cleared
    // pending mark: none is lost, and none is recorded twice
    boolean recorded =
        Boolean.TRUE.equals(
            transactions.execute(status -> {
              if (!analyses.markReported(tenant, seriesUid, analysisId)) {
                return false;
              }
              if (series != null && instance != null) {
                reports.save(
                    tenant,
                    analysis.studyInstanceUid(),
                    analysis.seriesInstanceUid(),
                    series,
                    instance);
                forwards.add(tenant, instance, targets);
              }
              outbox.add(
                  Topic.MEDICAL_FINDINGS,
                  analysis.studyInstanceUid(),
                  EventEnvelope.of(tenant, FindingsReport.TYPE, report));
              return true;
            }));
    if (recorded) {
      relay.nudge();
      if (!targets.isEmpty()) {
        forwarder.nudge();
      }
    }
    return recorded;
  }

  /**
   * Reports of every analysed series of the study, latest first. An analysis whose report is not
   * recorded yet (its SR is being stored) is not listed: a listed report always has its SR.
   */
  public List<FindingsReport> ofStudy(TenantId tenant, String studyUid) {
    return analyses.ofStudy(tenant, studyUid).stream()
        .flatMap(analysis ->
            reports
                .of(tenant, analysis.seriesInstanceUid())
                .map(sr -> report(analysis, sr[0], sr[1]))
                .stream())
        .toList();
  }

  private static FindingsReport report(
      Analysis analysis, String srSeriesUid, String srInstanceUid) {
    return new FindingsReport(
        analysis.studyInstanceUid(),
        analysis.seriesInstanceUid(),
        analysis.analysed() ? "analysed" : "not-analysed",
        analysis.reason(),
        srSeriesUid,
        srInstanceUid,
        analysis.analysedAt(),
        analysis.findings());
  }
}

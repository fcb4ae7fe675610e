package ai.stratum.medical.report;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.events.Topic;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.detection.Analyses;
import ai.stratum.medical.detection.Analysis;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.report.internal.MeasurementReport;
import ai.stratum.medical.report.internal.ReportRepository;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.IngestResult;
import ai.stratum.medical.store.Source;
import ai.stratum.medical.store.StoredInstance;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Turns each completed analysis into reports: a TID 1500 SR stored into the study (so QIDO-RS and
 * WADO-RS serve it with the images), then {@code medical.findings}. Runs on the detection worker's
 * thread, so a report is stored before the worker takes the next study.
 */
@Service
public class ReportService {

  private static final Logger log = LoggerFactory.getLogger(ReportService.class);

  private final DicomStore store;
  private final Analyses analyses;
  private final ReportRepository reports;
  private final ObjectProvider<EventPublisher> publisher;

  ReportService(
      DicomStore store,
      Analyses analyses,
      ReportRepository reports,
      ObjectProvider<EventPublisher> publisher) {
    this.store = store;
    this.analyses = analyses;
    this.reports = reports;
    this.publisher = publisher;
  }

  @EventListener
  void on(Analysis analysis) throws IOException {
    TenantId tenant = analysis.tenant();
    List<StoredInstance> images =
        store.instances(tenant, analysis.studyInstanceUid(), analysis.seriesInstanceUid());
    String srSeriesUid = null;
    String srInstanceUid = null;
    if (!images.isEmpty()) {
      DicomObject image = store.read(images.getFirst());
      srSeriesUid =
          uid(
              UUID.nameUUIDFromBytes(
                  ("stratum-sr-series/" + analysis.seriesInstanceUid())
                      .getBytes(StandardCharsets.UTF_8)));
      srInstanceUid = uid(UUID.randomUUID());
      DicomObject sr = MeasurementReport.write(analysis, image, images, srSeriesUid, srInstanceUid);
      IngestResult result = store.ingest(tenant, sr, Source.LOCAL);
      if (result instanceof IngestResult.Refused refused) {
        throw new IllegalStateException("the SR was refused: " + refused.detail());
      }
      reports.save(
          tenant,
          analysis.studyInstanceUid(),
          analysis.seriesInstanceUid(),
          srSeriesUid,
          srInstanceUid);
    }
    FindingsReport report = report(analysis, srSeriesUid, srInstanceUid);
    EventPublisher events = publisher.getIfAvailable();
    if (events != null) {
      try {
        events
            .publish(
                Topic.MEDICAL_FINDINGS,
                analysis.studyInstanceUid(),
                EventEnvelope.of(tenant, FindingsReport.TYPE, report))
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.error("Could not publish findings of series {}", analysis.seriesInstanceUid(), e);
      }
    }
  }

  /** Reports of every analysed series of the study, latest first. */
  public List<FindingsReport> ofStudy(TenantId tenant, String studyUid) {
    return analyses.ofStudy(tenant, studyUid).stream()
        .map(analysis -> {
          Optional<String[]> sr = reports.of(tenant, analysis.seriesInstanceUid());
          return report(analysis, sr.map(s -> s[0]).orElse(null), sr.map(s -> s[1]).orElse(null));
        })
        .toList();
  }

  private static FindingsReport report(
      Analysis analysis,
      @org.jspecify.annotations.Nullable String srSeriesUid,
      @org.jspecify.annotations.Nullable String srInstanceUid) {
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

  private static String uid(UUID uuid) {
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, bytes.array());
  }
}

package ai.stratum.medical.report;

import ai.stratum.core.service.PeriodicTask;
import ai.stratum.medical.detection.Analyses;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the reports of analyses saved but never reported: the service died between saving an
 * analysis and recording its report, or the report kept failing. Runs at start and every {@code
 * sweep-interval}; a report that fails again stays pending for the next round.
 */
@Component
class PendingReportSweep extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(PendingReportSweep.class);
  private static final int BATCH = 50;

  private final Analyses analyses;
  private final ReportService reports;
  private final ReportProperties properties;

  PendingReportSweep(Analyses analyses, ReportService reports, ReportProperties properties) {
    super("pending-report-sweep", properties.sweepInterval());
    this.analyses = analyses;
    this.reports = reports;
    this.properties = properties;
  }

  /**
   * Reports every series pending for longer than the grace period; returns how many it recorded.
   */
  int sweep() {
    List<Analyses.SeriesRef> due =
        analyses.pendingReportsSince(Instant.now().minus(properties.pendingGrace()), BATCH);
    int recorded = 0;
    for (Analyses.SeriesRef series : due) {
      try {
        if (reports.report(series.tenant(), series.seriesUid())) {
          recorded++;
          log.info("Series {}: pending report made", series.seriesUid());
        }
      } catch (IOException | RuntimeException e) {
        log.error("Pending report of series {} failed again", series.seriesUid(), e);
      }
    }
    return recorded;
  }

  @Override
  protected void runOnce() {
    sweep();
  }

  @Override
  public synchronized void start() {
    super.start();
    nudge();
  }
}

package ai.stratum.medical.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.MedicalIntegrationTest;
import ai.stratum.medical.delivery.Outbox;
import ai.stratum.medical.delivery.OutboxRelay;
import ai.stratum.medical.imaging.SeriesCompletion;
import ai.stratum.medical.imaging.VolumeEvent;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import ai.stratum.medical.report.internal.MeasurementReport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Nothing the detection worker accepted is lost: a report lost to a crash after the analysis was
 * saved is made by the re-delivered event or by the sweep, once (one SR, one report, one {@code
 * medical.findings}); an event that keeps failing ends in a report that says why.
 */
class ReportDurabilityTest extends MedicalIntegrationTest {

  private static final String TENANT = "hospital-a";

  @Autowired JdbcClient jdbc;
  @Autowired PendingReportSweep sweep;
  @Autowired ReportService reports;
  @Autowired Outbox outbox;
  @Autowired OutboxRelay relay;
  @Autowired SeriesCompletion completion;
  @Autowired TransactionTemplate transactions;

  @Test
  void makesAReportLostToACrashOnceWhenTheEventIsDeliveredAgain() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(4731));
    String study = series.studyInstanceUid();
    assertThat(stow(TENANT, parts(series)).statusCode()).isEqualTo(200);
    String sr = awaitReports(TENANT, study).get(0).get("srSopInstanceUid").asString();
    crashAfterStoringTheSr(series);

    // the worker had not acknowledged the event: Kafka delivers it again
    jdbc.sql(
            """
            update outbox set sent_at = null, next_attempt_at = now()
            where topic = 'medical.studies' and message_key = ?\
            """)
        .params(study)
        .update();
    relay.nudge();
    await().atMost(Duration.ofSeconds(60)).until(() -> !reportPending(series));

    assertReportedOnce(series, sr);
  }

  @Test
  void sweepMakesAReportPendingSinceBeforeTheGracePeriodOnce() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(4732));
    String study = series.studyInstanceUid();
    assertThat(stow(TENANT, parts(series)).statusCode()).isEqualTo(200);
    String sr = awaitReports(TENANT, study).get(0).get("srSopInstanceUid").asString();
    crashAfterStoringTheSr(series);
    // the crash was a while ago and nothing delivered the event again
    jdbc.sql(
            "update analysis set analysed_at = analysed_at - interval '1 hour' where series_uid = ?")
        .params(series.seriesInstanceUid())
        .update();

    sweep.stop();
    try {
      assertThat(sweep.sweep()).isPositive();
    } finally {
      sweep.start();
    }
    assertReportedOnce(series, sr);
    // repeating is harmless: nothing is pending any more
    assertThat(reports.report(TenantId.of(TENANT), series.seriesInstanceUid())).isFalse();
    assertReportedOnce(series, sr);
  }

  @Test
  void recordsAnEventThatKeepsFailingAsNotAnalysedWithTheReason() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(4733));
    String study = series.studyInstanceUid();
    assertThat(stow(TENANT, parts(series)).statusCode()).isEqualTo(200);
    awaitReports(TENANT, study);

    // a volume event that passes the input checks but whose voxels cannot be read
    VolumeEvent unreadable =
        new VolumeEvent(
            study,
            series.seriesInstanceUid(),
            40,
            40,
            "0".repeat(64),
            List.of(64, 64, 40),
            List.of(1.0, 1.0, 2.5),
            List.of(0.0, 0.0, 0.0),
            List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0),
            null);
    transactions.executeWithoutResult(status ->
        outbox.add(
            Topic.MEDICAL_STUDIES,
            study,
            EventEnvelope.of(TenantId.of(TENANT), VolumeEvent.READY, unreadable)));
    relay.nudge();

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> {
          HttpResponse<String> response =
              get(TENANT, "/api/medical/studies/" + study + "/report", "application/json");
          JsonNode report = StratumJson.mapper().readTree(response.body()).get("reports").get(0);
          assertThat(report.get("status").asString()).isEqualTo("not-analysed");
          assertThat(report.get("reason").asString())
              .contains("the analysis failed 3 times")
              .contains("missing");
          assertThat(report.get("srSopInstanceUid").isString()).isTrue();
          // the flag is cleared in the transaction that records the report, which may commit
          // just after the report is first listed
          assertThat(reportPending(series)).isFalse();
        });
  }

  @Test
  void completesTheSrSeriesOfAStoredReportWithoutAVolume() throws Exception {
    // with no quiet period the benchmark saw two series completed in one round for one phantom:
    // the other one is the SR series the previous round's report stored into its study
    completion.stop();
    try {
      PhantomSeries first = PhantomSeries.of(PhantomSpec.small(4734));
      assertThat(stow(TENANT, parts(first)).statusCode()).isEqualTo(200);
      makeQuiet(first.seriesInstanceUid());
      assertThat(completion.completeQuietSeries()).isPositive();
      String sr =
          awaitReports(TENANT, first.studyInstanceUid()).get(0).get("srSopInstanceUid").asString();
      String srSeries = seriesOf(sr);
      assertThat(state(srSeries)).isEqualTo("receiving");

      PhantomSeries second = PhantomSeries.of(PhantomSpec.small(4735));
      assertThat(stow(TENANT, parts(second)).statusCode()).isEqualTo(200);
      makeQuiet(srSeries);
      makeQuiet(second.seriesInstanceUid());

      assertThat(completion.completeQuietSeries()).isGreaterThanOrEqualTo(2);
      assertThat(state(srSeries)).isEqualTo("complete");
      assertThat(state(second.seriesInstanceUid())).isEqualTo("complete");
      assertThat(completion.status(TenantId.of(TENANT), srSeries)).isEmpty();
      assertThat(completion.status(TenantId.of(TENANT), second.seriesInstanceUid())).isPresent();
      assertThat(studyEvents(first.studyInstanceUid())).isEqualTo(1);
      assertThat(studyEvents(second.studyInstanceUid())).isEqualTo(1);
    } finally {
      completion.start();
    }
  }

  private void makeQuiet(String seriesUid) {
    jdbc.sql(
            """
            update series set last_received_at = now() - interval '1 hour'
            where series_uid = ? and state = 'receiving'\
            """)
        .params(seriesUid)
        .update();
  }

  /**
   * The state a crash leaves between storing the SR and recording the report: the analysis and its
   * SR are there, the report row and the {@code medical.findings} event are not.
   */
  private void crashAfterStoringTheSr(PhantomSeries series) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> findingsEvents(series, "sent_at is not null") == 1);
    transactions.executeWithoutResult(status -> {
      jdbc.sql("delete from report where series_uid = ?")
          .params(series.seriesInstanceUid())
          .update();
      jdbc.sql("delete from outbox where topic = 'medical.findings' and message_key = ?")
          .params(series.studyInstanceUid())
          .update();
      jdbc.sql("update analysis set report_pending = true where series_uid = ?")
          .params(series.seriesInstanceUid())
          .update();
    });
  }

  private void assertReportedOnce(PhantomSeries series, String sr) throws Exception {
    assertThat(reportPending(series)).isFalse();
    assertThat(
            jdbc.sql("select sr_sop_instance_uid from report where series_uid = ?")
                .params(series.seriesInstanceUid())
                .query(String.class)
                .list())
        .containsExactly(sr);
    assertThat(
            jdbc.sql("select count(*) from instance where study_uid = ? and sop_class_uid = ?")
                .params(series.studyInstanceUid(), MeasurementReport.COMPREHENSIVE_3D_SR)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(findingsEvents(series, "true")).isEqualTo(1);
    assertThat(awaitReports(TENANT, series.studyInstanceUid())).hasSize(1);
  }

  private boolean reportPending(PhantomSeries series) {
    return jdbc.sql("select report_pending from analysis where series_uid = ?")
        .params(series.seriesInstanceUid())
        .query(Boolean.class)
        .single();
  }

  private int findingsEvents(PhantomSeries series, String condition) {
    return jdbc.sql(
            "select count(*) from outbox where topic = 'medical.findings' and message_key = ? and "
                + condition)
        .params(series.studyInstanceUid())
        .query(Integer.class)
        .single();
  }

  private int studyEvents(String study) {
    return jdbc.sql(
            "select count(*) from outbox where topic = 'medical.studies' and message_key = ?")
        .params(study)
        .query(Integer.class)
        .single();
  }

  private String seriesOf(String sopInstanceUid) {
    return jdbc.sql("select series_uid from instance where sop_instance_uid = ?")
        .params(sopInstanceUid)
        .query(String.class)
        .single();
  }

  private String state(String seriesUid) {
    return jdbc.sql("select state from series where series_uid = ?")
        .params(seriesUid)
        .query(String.class)
        .single();
  }
}

package ai.stratum.medical.detection.internal;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.detection.Analyses;
import ai.stratum.medical.detection.Analysis;
import ai.stratum.medical.detection.Attenuation;
import ai.stratum.medical.detection.Finding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Analyses and findings in PostgreSQL; a new analysis of a series replaces the previous one. An
 * analysis is saved with its report pending, and {@link #markReported} clears that in the report's
 * own transaction.
 */
@Repository
public class AnalysisRepository {

  private final JdbcClient jdbc;

  AnalysisRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Whether this event has already been analysed (Kafka delivers at least once): empty when not,
   * else whether its report is still pending.
   */
  Optional<Boolean> reportPending(TenantId tenant, String seriesUid, UUID eventId) {
    return jdbc.sql(
            "select report_pending from analysis where tenant = ? and series_uid = ? and event_id = ?")
        .params(tenant.value(), seriesUid, eventId)
        .query(Boolean.class)
        .optional();
  }

  /** The analysis of a series whose report is pending, with findings in report order. */
  public Optional<Analyses.PendingReport> pendingReport(TenantId tenant, String seriesUid) {
    return jdbc.sql(
            """
            select event_id, series_uid, study_uid, status, reason, lung_volume_ml, stage_seconds::text,
                   analysed_at
            from analysis where tenant = ? and series_uid = ? and report_pending\
            """)
        .params(tenant.value(), seriesUid)
        .query((rs, row) ->
            new Analyses.PendingReport(rs.getObject("event_id", UUID.class), analysis(tenant, rs)))
        .optional()
        .map(pending ->
            new Analyses.PendingReport(pending.analysisId(), withFindings(pending.analysis())));
  }

  /** Series whose report has been pending since before {@code before}, oldest first. */
  public List<Analyses.SeriesRef> pendingReportsSince(Instant before, int limit) {
    return jdbc.sql(
            """
            select tenant, series_uid from analysis where report_pending and analysed_at < ?
            order by analysed_at limit ?\
            """)
        .params(Timestamp.from(before), limit)
        .query((rs, row) -> new Analyses.SeriesRef(TenantId.of(rs.getString(1)), rs.getString(2)))
        .list();
  }

  /**
   * Clears the pending report of this analysis; false when it was cleared already (another reporter
   * got there first) or the analysis was replaced. Joins the caller's transaction and locks the row
   * until it ends, so concurrent reporters of one analysis take turns.
   */
  public boolean markReported(TenantId tenant, String seriesUid, UUID analysisId) {
    return jdbc.sql(
                """
                update analysis set report_pending = false
                where tenant = ? and series_uid = ? and event_id = ? and report_pending\
                """)
            .params(tenant.value(), seriesUid, analysisId)
            .update()
        == 1;
  }

  @Transactional
  void save(UUID eventId, Analysis analysis) {
    String tenant = analysis.tenant().value();
    jdbc.sql("delete from analysis where tenant = ? and series_uid = ?")
        .params(tenant, analysis.seriesInstanceUid())
        .update();
    jdbc.sql(
            """
            insert into analysis (tenant, series_uid, study_uid, event_id, status, reason, lung_volume_ml,
                                  stage_seconds, analysed_at, report_pending)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, true)\
            """)
        .params(
            tenant,
            analysis.seriesInstanceUid(),
            analysis.studyInstanceUid(),
            eventId,
            analysis.analysed() ? "analysed" : "not-analysed",
            analysis.reason() == null ? "" : analysis.reason(),
            analysis.lungVolumeMl(),
            StratumJson.mapper().writeValueAsString(analysis.stageSeconds()),
            Timestamp.from(analysis.analysedAt()))
        .update();
    for (Finding f : analysis.findings()) {
      jdbc.sql(
              """
              insert into finding (id, tenant, series_uid, study_uid, tracking_uid, x_mm, y_mm, z_mm, diameter_mm,
                                   volume_mm3, attenuation, probability, uncertainty)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
              """)
          .params(
              f.id(),
              tenant,
              analysis.seriesInstanceUid(),
              analysis.studyInstanceUid(),
              f.trackingUid(),
              f.x(),
              f.y(),
              f.z(),
              f.diameterMm(),
              f.volumeMm3(),
              f.attenuation().name(),
              f.probability(),
              f.uncertainty())
          .update();
    }
  }

  public List<Analysis> ofStudy(TenantId tenant, String studyUid) {
    List<Analysis> analyses =
        jdbc.sql(
                """
                select series_uid, study_uid, status, reason, lung_volume_ml, stage_seconds::text, analysed_at
                from analysis where tenant = ? and study_uid = ? order by analysed_at desc\
                """)
            .params(tenant.value(), studyUid)
            .query((rs, row) -> analysis(tenant, rs))
            .list();
    List<Analysis> withFindings = new ArrayList<>(analyses.size());
    for (Analysis a : analyses) {
      withFindings.add(withFindings(a));
    }
    return withFindings;
  }

  private Analysis withFindings(Analysis a) {
    List<Finding> findings =
        jdbc.sql(
                "select * from finding where tenant = ? and series_uid = ?"
                    + " order by probability desc, id")
            .params(a.tenant().value(), a.seriesInstanceUid())
            .query((rs, row) -> finding(rs))
            .list();
    return new Analysis(
        a.tenant(),
        a.studyInstanceUid(),
        a.seriesInstanceUid(),
        a.analysed(),
        a.reason(),
        a.lungVolumeMl(),
        findings,
        a.stageSeconds(),
        a.analysedAt());
  }

  public Optional<Analyses.StudyFinding> finding(TenantId tenant, UUID id) {
    return jdbc.sql("select * from finding where tenant = ? and id = ?")
        .params(tenant.value(), id)
        .query((rs, row) ->
            new Analyses.StudyFinding(
                rs.getString("study_uid"), rs.getString("series_uid"), finding(rs)))
        .optional();
  }

  private static Analysis analysis(TenantId tenant, ResultSet rs) throws SQLException {
    boolean analysed = rs.getString("status").equals("analysed");
    double lung = rs.getDouble("lung_volume_ml");
    Double lungVolume = rs.wasNull() ? null : lung;
    Map<String, Double> stages =
        StratumJson.mapper()
            .readValue(
                rs.getString("stage_seconds"),
                new TypeReference<LinkedHashMap<String, Double>>() {});
    return new Analysis(
        tenant,
        rs.getString("study_uid"),
        rs.getString("series_uid"),
        analysed,
        analysed ? null : rs.getString("reason"),
        lungVolume,
        List.of(),
        stages,
        rs.getTimestamp("analysed_at").toInstant());
  }

  private static Finding finding(ResultSet rs) throws SQLException {
    return new Finding(
        rs.getObject("id", UUID.class),
        rs.getString("tracking_uid"),
        rs.getDouble("x_mm"),
        rs.getDouble("y_mm"),
        rs.getDouble("z_mm"),
        rs.getDouble("diameter_mm"),
        rs.getDouble("volume_mm3"),
        Attenuation.valueOf(rs.getString("attenuation")),
        rs.getDouble("probability"),
        rs.getDouble("uncertainty"));
  }
}

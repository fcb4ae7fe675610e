package ai.stratum.medical.report.internal;

import ai.stratum.core.tenancy.TenantId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which SR holds the report of each analysed series. */
@Repository
public class ReportRepository {

  private final JdbcClient jdbc;

  ReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(
      TenantId tenant,
      String studyUid,
      String seriesUid,
      String srSeriesUid,
      String srInstanceUid) {
    jdbc.sql(
            """
            insert into report (tenant, series_uid, study_uid, sr_sop_instance_uid, sr_series_uid)
            values (?, ?, ?, ?, ?)
            on conflict (tenant, series_uid) do update set sr_sop_instance_uid = excluded.sr_sop_instance_uid,
                sr_series_uid = excluded.sr_series_uid, stored_at = now()\
            """)
        .params(tenant.value(), seriesUid, studyUid, srInstanceUid, srSeriesUid)
        .update();
  }

  /** SR series and instance UID of the report of a series. */
  public Optional<String[]> of(TenantId tenant, String seriesUid) {
    return jdbc.sql(
            "select sr_series_uid, sr_sop_instance_uid from report where tenant = ? and series_uid = ?")
        .params(tenant.value(), seriesUid)
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
        .optional();
  }
}

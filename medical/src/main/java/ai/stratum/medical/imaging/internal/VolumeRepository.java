package ai.stratum.medical.imaging.internal;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.imaging.VolumeEvent;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest volume (or refusal) per series. */
@Repository
public class VolumeRepository {

  private final JdbcClient jdbc;

  VolumeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(TenantId tenant, VolumeEvent volume) {
    boolean ready = volume.reason() == null;
    jdbc.sql(
            """
            insert into volume (tenant, series_uid, study_uid, status, reason, instance_count, content_address,
                                columns, rows, slices, spacing, origin, direction, built_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            on conflict (tenant, series_uid) do update set
                status = excluded.status, reason = excluded.reason, instance_count = excluded.instance_count,
                content_address = excluded.content_address, columns = excluded.columns, rows = excluded.rows,
                slices = excluded.slices, spacing = excluded.spacing, origin = excluded.origin,
                direction = excluded.direction, built_at = now()\
            """)
        .params(
            tenant.value(),
            volume.seriesInstanceUid(),
            volume.studyInstanceUid(),
            ready ? "ready" : "refused",
            ready ? "" : volume.reason(),
            volume.instanceCount(),
            volume.volumeSha256(),
            ready ? volume.dimensions().get(0) : null,
            ready ? volume.dimensions().get(1) : null,
            ready ? volume.dimensions().get(2) : null,
            ready ? volume.spacing().toArray(Double[]::new) : null,
            ready ? volume.origin().toArray(Double[]::new) : null,
            ready ? volume.direction().toArray(Double[]::new) : null)
        .update();
  }

  /** Status and reason ("ready" or "refused"), if a volume was built for the series. */
  public Optional<String[]> status(TenantId tenant, String seriesUid) {
    return jdbc.sql("select status, reason from volume where tenant = ? and series_uid = ?")
        .params(tenant.value(), seriesUid)
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
        .optional();
  }
}

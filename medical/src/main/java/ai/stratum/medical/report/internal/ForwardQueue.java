package ai.stratum.medical.report.internal;

import ai.stratum.core.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SRs waiting to be forwarded, one row per SR and target, with the outcome so far. */
@Repository
public class ForwardQueue {

  /** One SR for one target, and how many times sending it failed so far. */
  public record Forward(TenantId tenant, String sopInstanceUid, String target, int attempts) {}

  private final JdbcClient jdbc;

  ForwardQueue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues the SR for each target; joins the caller's transaction. */
  public void add(TenantId tenant, String sopInstanceUid, List<String> targets) {
    for (String target : targets) {
      jdbc.sql(
              """
              insert into sr_forward (tenant, sop_instance_uid, target) values (?, ?, ?)
              on conflict do nothing\
              """)
          .params(tenant.value(), sopInstanceUid, target)
          .update();
    }
  }

  /**
   * Takes up to {@code limit} due forwards and hides them from other forwarders for {@code lease},
   * after which a forward whose sender died is taken again.
   */
  List<Forward> takeDue(int limit, Duration lease) {
    return jdbc.sql(
            """
            update sr_forward set next_attempt_at = now() + (:lease * interval '1 millisecond')
            where (tenant, sop_instance_uid, target) in (
                select tenant, sop_instance_uid, target from sr_forward
                where status = 'pending' and next_attempt_at <= now()
                order by next_attempt_at limit :limit for update skip locked)
            returning tenant, sop_instance_uid, target, attempts\
            """)
        .param("lease", lease.toMillis())
        .param("limit", limit)
        .query((rs, row) ->
            new Forward(
                TenantId.of(rs.getString("tenant")),
                rs.getString("sop_instance_uid"),
                rs.getString("target"),
                rs.getInt("attempts")))
        .list();
  }

  void markSent(Forward forward) {
    jdbc.sql(
            """
            update sr_forward set status = 'sent', sent_at = now(), attempts = attempts + 1
            where tenant = ? and sop_instance_uid = ? and target = ?\
            """)
        .params(forward.tenant().value(), forward.sopInstanceUid(), forward.target())
        .update();
  }

  /** Records a failure; retried at {@code retryAt}, or never when {@code giveUp}. */
  void markFailed(Forward forward, String error, Instant retryAt, boolean giveUp) {
    jdbc.sql(
            """
            update sr_forward set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                status = case when ? then 'failed' else 'pending' end
            where tenant = ? and sop_instance_uid = ? and target = ?\
            """)
        .params(
            error,
            Timestamp.from(retryAt),
            giveUp,
            forward.tenant().value(),
            forward.sopInstanceUid(),
            forward.target())
        .update();
  }
}

package ai.stratum.medical.feedback.internal;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.feedback.FindingFeedback;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Feedback history per finding; the latest verdict counts. */
@Repository
public class FeedbackRepository {

  private final JdbcClient jdbc;

  FeedbackRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(TenantId tenant, FindingFeedback feedback) {
    jdbc.sql(
            "insert into finding_feedback (tenant, finding_id, verdict, clinician, comment, recorded_at)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(
            tenant.value(),
            feedback.findingId(),
            feedback.verdict(),
            feedback.clinician(),
            feedback.comment(),
            Timestamp.from(feedback.recordedAt()))
        .update();
  }

  /** Verdicts on a finding, oldest first: verdict, clinician, comment, time. */
  public List<Object[]> history(TenantId tenant, UUID findingId) {
    return jdbc.sql(
            "select verdict, clinician, comment, recorded_at from finding_feedback"
                + " where tenant = ? and finding_id = ? order by id")
        .params(tenant.value(), findingId)
        .query((rs, row) ->
            new Object[] {
              rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()
            })
        .list();
  }
}

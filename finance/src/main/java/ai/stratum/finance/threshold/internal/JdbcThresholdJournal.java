package ai.stratum.finance.threshold.internal;

import ai.stratum.core.audit.AuditEvent;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.threshold.ThresholdChange;
import ai.stratum.finance.threshold.ThresholdJournal;
import ai.stratum.finance.threshold.Thresholds;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Thresholds in {@code threshold_policy}; each change audited in the same database transaction. */
public final class JdbcThresholdJournal implements ThresholdJournal {

  static final String ACTOR = "finance-threshold-policy";
  static final String ACTION = "threshold.adapted";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final AuditLog audit;

  public JdbcThresholdJournal(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog audit) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.audit = audit;
  }

  @Override
  public Map<TenantId, Thresholds> load() {
    Map<TenantId, Thresholds> loaded = new HashMap<>();
    jdbc.query(
        "select tenant_id, review_threshold, decline_threshold from threshold_policy",
        rs -> {
          loaded.put(
              TenantId.of(rs.getString(1)), new Thresholds(rs.getDouble(2), rs.getDouble(3)));
        });
    return loaded;
  }

  @Override
  public void record(ThresholdChange change) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reviewFrom", change.from().review());
    details.put("reviewTo", change.to().review());
    details.put("declineFrom", change.from().decline());
    details.put("declineTo", change.to().decline());
    details.put("observedAlertRate", change.observedAlertRate());
    details.put("alertBudget", change.alertBudget());
    details.put("observations", change.observations());
    transactions.executeWithoutResult(status -> {
      jdbc.update(
          """
          insert into threshold_policy (tenant_id, review_threshold, decline_threshold, alert_budget, updated_at)
          values (?, ?, ?, ?, ?)
          on conflict (tenant_id) do update set review_threshold = excluded.review_threshold,
            decline_threshold = excluded.decline_threshold, alert_budget = excluded.alert_budget,
            updated_at = excluded.updated_at
          """,
          change.tenant().value(),
          change.to().review(),
          change.to().decline(),
          change.alertBudget(),
          Timestamp.from(change.at()));
      audit.append(
          AuditEvent.of(
              change.tenant(), ACTOR, ACTION, "thresholds:" + change.tenant().value(), details));
    });
  }
}

package ai.stratum.finance.cases;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.Label;
import ai.stratum.finance.decisions.DecisionDocuments;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The alert queue of a tenant, newest first. */
public final class CaseQueries {

  private final JdbcTemplate jdbc;

  public CaseQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Case> list(TenantId tenant, CaseStatus status, int limit) {
    String filter =
        switch (status) {
          case OPEN -> " and l.transaction_id is null";
          case RESOLVED -> " and l.transaction_id is not null";
          case ALL -> "";
        };
    return jdbc.query(
        "select "
            + DecisionDocuments.COLUMNS
            + ", l.fraud, l.source, l.pattern, l.labelled_at from decision d"
            + " left join label l on l.tenant_id = d.tenant_id and l.transaction_id = d.transaction_id"
            + " where d.tenant_id = ? and d.outcome <> 'APPROVE'"
            + filter
            + " order by d.decided_at desc limit ?",
        (rs, row) -> {
          Decision decision = DecisionDocuments.read(rs, 1);
          Label label =
              rs.getString(4) == null
                  ? null
                  : new Label(
                      decision.transactionId(),
                      tenant,
                      rs.getBoolean(3),
                      rs.getString(4),
                      rs.getTimestamp(6).toInstant(),
                      rs.getString(5));
          return new Case(decision, label);
        },
        tenant.value(),
        limit);
  }
}

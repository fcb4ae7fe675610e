package ai.stratum.finance.decisions;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Decision;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Decisions as committed to {@code finance.decisions}, looked up by tenant and transaction id. */
public final class DecisionLookup {

  private final JdbcTemplate jdbc;

  public DecisionLookup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Decision> find(TenantId tenant, String transactionId) {
    List<Decision> decisions =
        jdbc.query(
            "select "
                + DecisionDocuments.COLUMNS
                + " from decision where tenant_id = ? and transaction_id = ?",
            (row, index) -> DecisionDocuments.read(row, 1),
            tenant.value(),
            transactionId);
    return decisions.stream().findFirst();
  }
}

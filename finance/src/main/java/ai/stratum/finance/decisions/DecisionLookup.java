package ai.stratum.finance.decisions;

import ai.stratum.core.json.StratumJson;
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
    List<String> documents =
        jdbc.queryForList(
            "select document::text from decision where tenant_id = ? and transaction_id = ?",
            String.class,
            tenant.value(),
            transactionId);
    return documents.stream()
        .findFirst()
        .map(json -> StratumJson.mapper().readValue(json, Decision.class));
  }
}

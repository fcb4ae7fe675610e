package ai.stratum.finance.threshold;

import ai.stratum.core.tenancy.TenantId;
import java.util.Map;

/** Where thresholds are kept across restarts and where their changes are audited. */
public interface ThresholdJournal {

  /** The thresholds last in force per tenant. */
  Map<TenantId, Thresholds> load();

  /** Stores the new thresholds and appends the change to the audit trail, atomically. */
  void record(ThresholdChange change);
}

package ai.stratum.finance.threshold;

import ai.stratum.core.tenancy.TenantId;
import java.time.Instant;

/**
 * One adaptation of a tenant's thresholds, with the evidence for it: the alert rate the old
 * thresholds would give on recent scores, the budget, and how many scores that rests on.
 */
public record ThresholdChange(
    TenantId tenant,
    Thresholds from,
    Thresholds to,
    double observedAlertRate,
    double alertBudget,
    long observations,
    Instant at) {}

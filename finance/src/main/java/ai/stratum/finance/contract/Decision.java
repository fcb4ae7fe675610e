package ai.stratum.finance.contract;

import ai.stratum.core.tenancy.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The risk decision for one transaction, as decision.schema.json defines it.
 *
 * @param score calibrated probability of fraud
 * @param threshold the REVIEW threshold in force when deciding
 * @param reasons the top drivers of the score, at most {@value #MAX_REASONS}
 * @param features number of features computed for the event
 * @param receivedAt when the event was read from Kafka (or received over HTTP)
 */
public record Decision(
    String transactionId,
    TenantId tenantId,
    double score,
    Outcome decision,
    double threshold,
    String modelVersion,
    List<Reason> reasons,
    int features,
    Instant receivedAt,
    Instant decidedAt) {

  public static final int MAX_REASONS = 5;

  public Decision {
    reasons = List.copyOf(reasons);
    if (reasons.size() > MAX_REASONS) {
      throw new IllegalArgumentException(
          "at most " + MAX_REASONS + " reasons, got " + reasons.size());
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be a probability, got " + score);
    }
  }
}

package ai.stratum.finance.threshold;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert budget and how thresholds may move.
 *
 * @param alertBudget share of transactions that may become REVIEW or DECLINE
 * @param declineShare share of the alert budget that may be DECLINE
 * @param tenantBudgets alert budgets of tenants that differ from {@code alertBudget}
 * @param initialReview REVIEW threshold of a tenant before its scores are known
 * @param initialDecline DECLINE threshold of a tenant before its scores are known
 * @param minReview lowest REVIEW threshold (bounds how many alerts a score shift can cause)
 * @param maxReview highest REVIEW threshold (bounds how blind a quiet period can make us)
 * @param minDecline lowest DECLINE threshold
 * @param maxDecline highest DECLINE threshold
 * @param minObservations scores a tenant needs before its thresholds adapt
 * @param maxStep largest relative change of a threshold per adaptation
 * @param interval how often thresholds adapt
 * @param memory weight kept of older scores at each adaptation (0..1): the window forgets
 */
@ConfigurationProperties("stratum.finance.threshold")
public record ThresholdSettings(
    @DefaultValue("0.005") double alertBudget,
    @DefaultValue("0.2") double declineShare,
    @DefaultValue Map<String, Double> tenantBudgets,
    @DefaultValue("0.5") double initialReview,
    @DefaultValue("0.9") double initialDecline,
    @DefaultValue("0.02") double minReview,
    @DefaultValue("0.95") double maxReview,
    @DefaultValue("0.1") double minDecline,
    @DefaultValue("0.995") double maxDecline,
    @DefaultValue("2000") long minObservations,
    @DefaultValue("0.25") double maxStep,
    @DefaultValue("10s") Duration interval,
    @DefaultValue("0.8") double memory) {

  public ThresholdSettings {
    tenantBudgets = Map.copyOf(tenantBudgets);
    requireShare(alertBudget, "alertBudget");
    requireShare(declineShare, "declineShare");
    tenantBudgets.forEach((tenant, budget) -> requireShare(budget, "budget of " + tenant));
    if (!(minReview <= initialReview && initialReview <= maxReview)
        || !(minDecline <= initialDecline && initialDecline <= maxDecline)
        || minReview > minDecline
        || maxReview > maxDecline) {
      throw new IllegalArgumentException(
          "thresholds need minReview <= initialReview <= maxReview, the same for decline, and"
              + " review bounds at or below decline bounds");
    }
    if (!(maxStep > 0 && maxStep < 1) || !(memory >= 0 && memory < 1)) {
      throw new IllegalArgumentException("maxStep must be in (0,1) and memory in [0,1)");
    }
  }

  public double budgetOf(String tenant) {
    return tenantBudgets.getOrDefault(tenant, alertBudget);
  }

  private static void requireShare(double value, String name) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in (0,1), got " + value);
    }
  }
}

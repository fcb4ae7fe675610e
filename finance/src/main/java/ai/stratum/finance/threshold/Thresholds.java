package ai.stratum.finance.threshold;

import ai.stratum.finance.contract.Outcome;

/**
 * The thresholds in force for a tenant: REVIEW at or above {@code review}, DECLINE at or above
 * {@code decline}.
 */
public record Thresholds(double review, double decline) {

  public Thresholds {
    if (!(0 < review && review <= decline && decline <= 1)) {
      throw new IllegalArgumentException(
          "need 0 < review <= decline <= 1, got " + review + ", " + decline);
    }
  }

  public Outcome decide(double score) {
    if (score >= decline) {
      return Outcome.DECLINE;
    }
    return score >= review ? Outcome.REVIEW : Outcome.APPROVE;
  }
}

package ai.stratum.finance.live;

import ai.stratum.finance.contract.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's decision stream over the last {@code windowSeconds}, as {@code GET /api/finance/live}
 * returns it.
 *
 * @param decisionsPerSecond decisions in the window's buckets divided by the time they cover
 * @param series one point per 5-second bucket of decision time, oldest first, the last one still
 *     filling
 * @param latencyMs produce (the transaction's record timestamp) to decision, from the window's
 *     histogram
 * @param alertRate REVIEW and DECLINE decisions over all decisions in the window; 0 without any
 * @param outcomes decisions per outcome in the window, every outcome present
 * @param recentDeclines the window's newest declines, newest first, at most {@value #RECENT}
 */
public record LiveView(
    String tenant,
    int windowSeconds,
    double decisionsPerSecond,
    List<Point> series,
    Latency latencyMs,
    double alertRate,
    Map<Outcome, Long> outcomes,
    List<RecentDecline> recentDeclines,
    DeadLetters deadLetters) {

  /** Most entries of {@code recentDeclines} and {@code deadLetters.recent}. */
  public static final int RECENT = 20;

  /**
   * @param at start of the 5-second bucket
   * @param alerts REVIEW and DECLINE decisions in it
   */
  public record Point(Instant at, long decisions, long alerts) {}

  /**
   * Percentiles in milliseconds, each within about 1% (+0.01 ms) of the exact value; null without
   * data.
   */
  public record Latency(@Nullable Double p50, @Nullable Double p99, @Nullable Double p999) {}

  public record RecentDecline(
      String transactionId, double score, Instant decidedAt, List<Reason> reasons) {}

  /** A reason code of a decision, as in the decision contract. */
  public record Reason(String code, String feature, double contribution) {}

  /**
   * @param inWindow dead letters of the tenant whose timestamp is in the window
   * @param total all of the tenant's dead letters
   * @param recent the tenant's newest dead letters, newest first, at most {@value LiveView#RECENT}
   */
  public record DeadLetters(long inWindow, long total, List<DeadLetter> recent) {}

  /**
   * @param at the dead letter's record timestamp
   * @param reason the rejection reason code (e.g. {@code malformed-json})
   * @param topic where the refused record was read
   * @param partition its partition there
   * @param offset its offset there
   */
  public record DeadLetter(Instant at, String reason, String topic, int partition, long offset) {}
}

package ai.stratum.finance.live;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.Outcome;
import ai.stratum.finance.decisions.DecisionDocuments;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a tenant's {@link LiveView} from the aggregates of the decision projection (5-second
 * buckets of decision time), the decisions table (recent declines) and the dead-letter table. The
 * window is the {@code ceil(seconds / 5)} newest buckets up to now, so every figure covers the same
 * span; a query reads one row per bucket and latency bin, never every decision.
 */
public final class LiveStatistics {

  /** Width of one point of the series. */
  public static final Duration BUCKET = Duration.ofSeconds(5);

  /** Longest window that can be asked for (the aggregates are kept longer). */
  public static final int MAX_WINDOW_SECONDS = 3600;

  private static final double BIN_BASE = Math.log(1.02);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public LiveStatistics(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * @param seconds 1 to {@value #MAX_WINDOW_SECONDS}
   */
  public LiveView view(TenantId tenant, int seconds) {
    if (seconds < 1 || seconds > MAX_WINDOW_SECONDS) {
      throw new IllegalArgumentException("seconds must be 1.." + MAX_WINDOW_SECONDS);
    }
    Instant now = clock.instant();
    long width = BUCKET.toSeconds();
    long last = Math.floorDiv(now.getEpochSecond(), width) * width;
    int buckets = (int) ((seconds + width - 1) / width);
    Instant from = Instant.ofEpochSecond(last - (buckets - 1) * width);
    Instant to = Instant.ofEpochSecond(last);
    String id = tenant.value();

    Map<Instant, long[]> activity = new HashMap<>();
    jdbc.query(
        "select bucket_start, decisions, reviews, declines from decision_activity"
            + " where tenant_id = ? and bucket_start between ? and ?",
        row -> {
          activity.put(
              row.getTimestamp(1).toInstant(),
              new long[] {row.getLong(2), row.getLong(3), row.getLong(4)});
        },
        id,
        Timestamp.from(from),
        Timestamp.from(to));
    List<LiveView.Point> series = new ArrayList<>(buckets);
    long decisions = 0;
    long reviews = 0;
    long declines = 0;
    for (int i = 0; i < buckets; i++) {
      Instant at = from.plusSeconds(i * width);
      long[] counts = activity.getOrDefault(at, new long[3]);
      series.add(new LiveView.Point(at, counts[0], counts[1] + counts[2]));
      decisions += counts[0];
      reviews += counts[1];
      declines += counts[2];
    }
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    outcomes.put(Outcome.APPROVE, decisions - reviews - declines);
    outcomes.put(Outcome.REVIEW, reviews);
    outcomes.put(Outcome.DECLINE, declines);
    double covered = Math.max(1.0, Duration.between(from, now).toNanos() / 1e9);

    return new LiveView(
        id,
        seconds,
        round(decisions / covered, 3),
        series,
        latency(id, from, to),
        decisions == 0 ? 0 : (double) (reviews + declines) / decisions,
        outcomes,
        recentDeclines(id, from),
        deadLetters(id, from));
  }

  private LiveView.Latency latency(String tenant, Instant from, Instant to) {
    List<long[]> bins =
        jdbc.query(
            "select bin, sum(decisions) from decision_latency"
                + " where tenant_id = ? and bucket_start between ? and ? group by bin order by bin",
            (row, index) -> new long[] {row.getLong(1), row.getLong(2)},
            tenant,
            Timestamp.from(from),
            Timestamp.from(to));
    long total = bins.stream().mapToLong(bin -> bin[1]).sum();
    return new LiveView.Latency(
        percentile(bins, total, 0.50),
        percentile(bins, total, 0.99),
        percentile(bins, total, 0.999));
  }

  /** The middle of the bin holding the {@code q}-quantile, in milliseconds. */
  private static @Nullable Double percentile(List<long[]> bins, long total, double q) {
    if (total == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (long[] bin : bins) {
      seen += bin[1];
      if (seen >= rank) {
        return round(Math.expm1((bin[0] + 0.5) * BIN_BASE), 2);
      }
    }
    throw new IllegalStateException("bins do not add up to " + total);
  }

  private List<LiveView.RecentDecline> recentDeclines(String tenant, Instant from) {
    // outcome <> 'APPROVE' lets the planner use the partial index of alerts
    return jdbc.query(
        "select "
            + DecisionDocuments.COLUMNS
            + " from decision where tenant_id = ? and outcome <> 'APPROVE'"
            + " and outcome = 'DECLINE' and decided_at >= ? order by decided_at desc limit ?",
        (row, index) -> {
          Decision decision = DecisionDocuments.read(row, 1);
          return new LiveView.RecentDecline(
              decision.transactionId(),
              decision.score(),
              decision.decidedAt(),
              decision.reasons().stream()
                  .map(reason ->
                      new LiveView.Reason(reason.code(), reason.feature(), reason.contribution()))
                  .toList());
        },
        tenant,
        Timestamp.from(from),
        LiveView.RECENT);
  }

  private LiveView.DeadLetters deadLetters(String tenant, Instant from) {
    Long inWindow =
        jdbc.queryForObject(
            "select count(*) from dead_letter where tenant_id = ? and dead_lettered_at >= ?",
            Long.class,
            tenant,
            Timestamp.from(from));
    Long total =
        jdbc.queryForObject(
            "select count(*) from dead_letter where tenant_id = ?", Long.class, tenant);
    List<LiveView.DeadLetter> recent =
        jdbc.query(
            "select dead_lettered_at, reason, source_topic, source_partition, source_offset"
                + " from dead_letter where tenant_id = ?"
                + " order by dead_lettered_at desc, dlq_partition, dlq_offset desc limit ?",
            (row, index) ->
                new LiveView.DeadLetter(
                    row.getTimestamp(1).toInstant(),
                    row.getString(2),
                    row.getString(3),
                    row.getInt(4),
                    row.getLong(5)),
            tenant,
            LiveView.RECENT);
    return new LiveView.DeadLetters(
        inWindow == null ? 0 : inWindow, total == null ? 0 : total, recent);
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}

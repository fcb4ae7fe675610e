package ai.stratum.gateway.ratelimit.internal;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Token buckets in the gateway's {@code rate_limit_bucket} table, so every gateway instance spends
 * from the same budget. One upsert per call refills the bucket for the time since its last call
 * (database time, so instances need no common clock), takes a token if there is one and says
 * whether it did; the row lock makes concurrent calls of one tenant and route take turns.
 */
public final class SharedTokenBuckets {

  private static final String REFILLED =
      "LEAST(:capacity, b.tokens + :refill"
          + " * GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - b.updated_at)))";

  private static final String TAKE =
      ("INSERT INTO rate_limit_bucket AS b (tenant, route, tokens, granted, updated_at)"
              + " VALUES (:tenant, :route, :capacity - 1, true, statement_timestamp())"
              + " ON CONFLICT (tenant, route) DO UPDATE SET"
              + " tokens = CASE WHEN {refilled} >= 1 THEN {refilled} - 1 ELSE {refilled} END,"
              + " granted = {refilled} >= 1,"
              + " updated_at = GREATEST(b.updated_at, statement_timestamp())"
              + " RETURNING granted, tokens")
          .replace("{refilled}", REFILLED);

  private record Taken(boolean granted, double tokens) {}

  private final JdbcClient jdbc;

  public SharedTokenBuckets(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes a token from the tenant's bucket of the route if there is one; otherwise tells how long
   * until there will be, and takes nothing.
   */
  public Optional<Duration> tryTake(
      String tenant, String route, long capacity, double refillPerSecond) {
    if (capacity < 1 || refillPerSecond <= 0) {
      throw new IllegalArgumentException("a bucket needs capacity >= 1 and a positive refill rate");
    }
    Taken taken =
        jdbc.sql(TAKE)
            .param("tenant", tenant)
            .param("route", route)
            .param("capacity", (double) capacity)
            .param("refill", refillPerSecond)
            .query((row, n) -> new Taken(row.getBoolean("granted"), row.getDouble("tokens")))
            .single();
    if (taken.granted()) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.ofNanos((long) Math.ceil((1 - taken.tokens()) / refillPerSecond * 1e9)));
  }
}

package ai.stratum.gateway.ratelimit.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket: holds up to {@code capacity} tokens, gains {@code refillPerSecond} tokens a
 * second, and each call takes one. Time is passed in (nanoseconds from any fixed origin) so the
 * arithmetic is testable without waiting.
 */
public final class TokenBucket {

  private final double capacity;
  private final double refillPerNano;
  private double tokens;
  private long updatedAt;

  public TokenBucket(long capacity, double refillPerSecond, long now) {
    if (capacity < 1 || refillPerSecond <= 0) {
      throw new IllegalArgumentException("a bucket needs capacity >= 1 and a positive refill rate");
    }
    this.capacity = capacity;
    this.refillPerNano = refillPerSecond / 1e9;
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /**
   * Takes a token if there is one; otherwise tells how long until there will be, and takes nothing.
   */
  public synchronized Optional<Duration> tryTake(long now) {
    tokens = Math.min(capacity, tokens + Math.max(0, now - updatedAt) * refillPerNano);
    updatedAt = Math.max(updatedAt, now);
    if (tokens >= 1) {
      tokens -= 1;
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / refillPerNano)));
  }
}

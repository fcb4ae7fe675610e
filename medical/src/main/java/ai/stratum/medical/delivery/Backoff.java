package ai.stratum.medical.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off: {@code initial} after the first failure, doubled per failure up to {@code
 * max}.
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("back-off needs 0 <= initial <= max");
    }
  }

  /** The wait after {@code failuresBefore} earlier failures and this one. */
  public Duration after(int failuresBefore) {
    Duration wait = initial.multipliedBy(1L << Math.clamp(failuresBefore, 0, 30));
    return wait.compareTo(max) > 0 ? max : wait;
  }
}

package ai.stratum.core.web;

import java.time.Duration;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * 503 with {@code Retry-After}: the service is saturated (e.g. a full inference queue) and sheds
 * this request rather than queueing it without bound.
 */
public class OverloadedException extends StratumException {

  private final Duration retryAfter;

  public OverloadedException(String detail, Duration retryAfter) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded", detail);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds for the {@code Retry-After} header, rounded up so clients never retry early. */
  public long retryAfterSeconds() {
    long seconds = retryAfter.toSeconds();
    return retryAfter.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
  }
}

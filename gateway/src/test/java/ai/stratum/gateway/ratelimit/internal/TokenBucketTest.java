package ai.stratum.gateway.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsABurstUpToCapacityThenSaysHowLongToWait() {
    TokenBucket bucket = new TokenBucket(3, 2, 0);

    assertThat(bucket.tryTake(0)).isEmpty();
    assertThat(bucket.tryTake(0)).isEmpty();
    assertThat(bucket.tryTake(0)).isEmpty();
    assertThat(bucket.tryTake(0)).hasValue(Duration.ofMillis(500));
  }

  @Test
  void refillsWithElapsedTimeButNeverBeyondCapacity() {
    TokenBucket bucket = new TokenBucket(2, 1, 0);
    bucket.tryTake(0);
    bucket.tryTake(0);

    assertThat(bucket.tryTake(SECOND)).isEmpty();
    assertThat(bucket.tryTake(SECOND)).isPresent();
    assertThat(bucket.tryTake(100 * SECOND)).isEmpty();
    assertThat(bucket.tryTake(100 * SECOND)).isEmpty();
    assertThat(bucket.tryTake(100 * SECOND)).isPresent();
  }
}

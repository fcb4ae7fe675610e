package ai.stratum.medical.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1));

  @Test
  void doublesTheWaitPerEarlierFailureUpToTheMaximum() {
    assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesAMaximumBelowTheFirstWait() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package ai.stratum.finance.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {

  private static final TenantId BANK = TenantId.of("bank-a");
  private final List<ThresholdChange> journaled = new ArrayList<>();
  private final ThresholdJournal journal =
      new ThresholdJournal() {
        @Override
        public Map<TenantId, Thresholds> load() {
          return Map.of();
        }

        @Override
        public void record(ThresholdChange change) {
          journaled.add(change);
        }
      };

  private static ThresholdSettings settings(double budget) {
    return new ThresholdSettings(
        budget,
        0.2,
        Map.of("small-bank", 0.05),
        0.5,
        0.9,
        0.02,
        0.95,
        0.1,
        0.995,
        1000,
        0.25,
        Duration.ofSeconds(10),
        0.5);
  }

  @Test
  void movesThresholdsStepByStepUntilAlertsFitTheBudget() {
    ThresholdPolicy policy = new ThresholdPolicy(settings(0.01), journal, Clock.systemUTC());
    SplittableRandom random = new SplittableRandom(1);
    for (int round = 0; round < 30; round++) {
      for (int i = 0; i < 20_000; i++) {
        // 5% of scores above 0.5: five times the budget at the initial threshold
        policy.record(
            BANK,
            random.nextDouble() < 0.05 ? 0.5 + random.nextDouble() / 2 : random.nextDouble() * 0.5);
      }
      policy.adapt();
    }
    Thresholds adapted = policy.current(BANK);

    double alertRate = 0.05 * (1 - (adapted.review() - 0.5) / 0.5);
    assertThat(alertRate).isBetween(0.008, 0.012);
    assertThat(journaled).isNotEmpty();
    assertThat(journaled)
        .allSatisfy(change ->
            assertThat(change.to().review())
                .isLessThanOrEqualTo(change.from().review() * 1.25 + 1e-9)
                .isGreaterThanOrEqualTo(change.from().review() * 0.75 - 1e-9));
    assertThat(journaled.getFirst().observedAlertRate())
        .isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.005));
  }

  @Test
  void neverLeavesTheBoundsHoweverTheScoresLook() {
    ThresholdPolicy policy = new ThresholdPolicy(settings(0.01), journal, Clock.systemUTC());
    for (int round = 0; round < 40; round++) {
      for (int i = 0; i < 5_000; i++) {
        policy.record(BANK, 0.999);
      }
      policy.adapt();
    }

    assertThat(policy.current(BANK).review()).isEqualTo(0.95);
    assertThat(policy.current(BANK).decline()).isLessThanOrEqualTo(0.995);
  }

  @Test
  void usesEachTenantsOwnBudgetAndWaitsForEnoughScores() {
    ThresholdPolicy policy = new ThresholdPolicy(settings(0.01), journal, Clock.systemUTC());
    TenantId small = TenantId.of("small-bank");
    for (int i = 0; i < 500; i++) {
      policy.record(small, 0.7);
    }
    assertThat(policy.adapt()).isEmpty();
    for (int i = 0; i < 5_000; i++) {
      policy.record(small, i % 100 < 5 ? 0.7 : 0.1);
    }

    policy.adapt();

    assertThat(journaled)
        .singleElement()
        .satisfies(change -> {
          assertThat(change.tenant()).isEqualTo(small);
          assertThat(change.alertBudget()).isEqualTo(0.05);
        });
  }
}

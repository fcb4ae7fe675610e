package ai.stratum.finance.features;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.simulator.TransactionSimulator;
import java.util.Map;

/** Small feature engines for tests, and the check that two of them compute the same features. */
public final class FeatureEngines {

  private FeatureEngines() {}

  /** An engine of test capacities with a few category and country risks. */
  public static FeatureEngine small() {
    return new FeatureEngine(FeatureSettings.small(), riskTables());
  }

  /**
   * Feeds the next {@code transactions} of {@code simulator} to both engines and asserts that they
   * compute identical features for every one.
   */
  public static void assertSameFeatures(
      FeatureEngine expected,
      FeatureEngine actual,
      TransactionSimulator simulator,
      int transactions) {
    float[] expectedFeatures = new float[FeatureEngine.SIZE];
    float[] actualFeatures = new float[FeatureEngine.SIZE];
    for (int i = 0; i < transactions; i++) {
      Transaction tx = simulator.next().transaction();
      expected.computeAndObserve(tx, expectedFeatures, 0);
      actual.computeAndObserve(tx, actualFeatures, 0);
      assertThat(actualFeatures)
          .as("features of %s", tx.transactionId())
          .containsExactly(expectedFeatures);
    }
  }

  private static RiskTables riskTables() {
    return new RiskTables(Map.of("5411", -6f), Map.of("GB", -5.5f), -5f);
  }
}

package ai.stratum.finance.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.ReadResult;
import ai.stratum.finance.contract.TransactionReader;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionSimulatorTest {

  private static SimulatorSettings settings(long seed) {
    return new SimulatorSettings(
        seed,
        List.of(TenantId.of("bank-a"), TenantId.of("bank-b")),
        2_000,
        200,
        Instant.parse("2026-01-05T00:00:00Z"),
        3.0,
        2_000);
  }

  @Test
  void producesContractValidTransactionsInTimeOrderWithEveryFraudPatternLabelled() {
    TransactionSimulator simulator = new TransactionSimulator(settings(11));
    TransactionReader reader = new TransactionReader(16_384);
    Map<FraudPattern, Integer> patterns = new EnumMap<>(FraudPattern.class);
    Instant previous = Instant.MIN;
    int frauds = 0;
    int events = 150_000;
    for (int i = 0; i < events; i++) {
      SimulatedTransaction next = simulator.next();
      assertThat(next.transaction().timestamp()).isAfterOrEqualTo(previous);
      previous = next.transaction().timestamp();
      if (i < 3_000 || next.isFraud()) {
        byte[] json = StratumJson.mapper().writeValueAsBytes(next.transaction());
        assertThat(reader.read(json))
            .as("transaction %d", i)
            .isInstanceOf(ReadResult.Accepted.class);
      }
      if (next.isFraud()) {
        frauds++;
        patterns.merge(next.fraud(), 1, Integer::sum);
      }
    }

    assertThat(patterns.keySet()).containsExactlyInAnyOrder(FraudPattern.values());
    assertThat((double) frauds / events).isBetween(0.005, 0.05);
  }

  @Test
  void replaysTheSameStreamForTheSameSeed() {
    TransactionSimulator first = new TransactionSimulator(settings(5));
    TransactionSimulator second = new TransactionSimulator(settings(5));

    for (int i = 0; i < 5_000; i++) {
      assertThat(second.next()).isEqualTo(first.next());
    }
  }
}

package ai.stratum.finance.simulator;

import ai.stratum.finance.contract.Transaction;
import org.jspecify.annotations.Nullable;

/** A simulated transaction and its ground truth. */
public record SimulatedTransaction(Transaction transaction, @Nullable FraudPattern fraud) {

  public boolean isFraud() {
    return fraud != null;
  }
}

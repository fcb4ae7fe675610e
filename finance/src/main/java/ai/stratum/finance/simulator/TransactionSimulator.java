package ai.stratum.finance.simulator;

import ai.stratum.finance.simulator.internal.StreamGenerator;

/**
 * A labelled transaction stream in event-time order; the same settings (seed included) always give
 * the same stream. Not thread-safe.
 */
public final class TransactionSimulator {

  private final StreamGenerator generator;

  public TransactionSimulator(SimulatorSettings settings) {
    this.generator = new StreamGenerator(settings);
  }

  public SimulatedTransaction next() {
    return generator.next();
  }
}

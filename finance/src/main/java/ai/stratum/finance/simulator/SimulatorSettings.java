package ai.stratum.finance.simulator;

import ai.stratum.core.tenancy.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The population and pace of a simulated stream.
 *
 * @param seed every random choice derives from it, so a seed replays the same stream
 * @param tenants banks; cards are spread over them
 * @param cards number of cards (accounts hold one or two)
 * @param merchants number of merchants
 * @param start simulated time of the first event
 * @param transactionsPerCardPerDay mean legitimate activity per card
 * @param fraudEpisodesPerMillion fraud episodes started per million legitimate transactions
 */
public record SimulatorSettings(
    long seed,
    List<TenantId> tenants,
    int cards,
    int merchants,
    Instant start,
    double transactionsPerCardPerDay,
    double fraudEpisodesPerMillion) {

  public SimulatorSettings {
    tenants = List.copyOf(tenants);
    if (tenants.isEmpty() || cards < 10 || merchants < 50 || transactionsPerCardPerDay <= 0) {
      throw new IllegalArgumentException(
          "a simulation needs a tenant, >= 10 cards, >= 50 merchants and a positive rate");
    }
  }

  /** One bank, 20,000 cards, 2,000 merchants, 3 transactions per card per day. */
  public static SimulatorSettings standard(long seed, Instant start) {
    return new SimulatorSettings(
        seed, List.of(TenantId.of("demo-bank")), 20_000, 2_000, start, 3.0, 400);
  }
}

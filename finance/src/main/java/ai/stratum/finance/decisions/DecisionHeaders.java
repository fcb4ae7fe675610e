package ai.stratum.finance.decisions;

/** Kafka headers of {@code finance.decisions} records besides the tenant. */
public final class DecisionHeaders {

  /**
   * The record timestamp of the transaction the decision answers (epoch milliseconds, decimal
   * text): where produce-to-decision latency starts. A header rather than the decision record's own
   * timestamp, so a producer's clock cannot make the broker refuse or expire decisions.
   */
  public static final String PRODUCED_AT = "stratum-produced-at";

  private DecisionHeaders() {}
}

package ai.stratum.finance.contract;

/** How the card was used, as the contract's {@code channel} enum. */
public enum Channel {
  POS,
  ECOM,
  ATM,
  MOTO,
  TRANSFER
}

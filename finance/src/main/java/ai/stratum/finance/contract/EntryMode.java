package ai.stratum.finance.contract;

/** How the card details were captured, as the contract's {@code entryMode} enum. */
public enum EntryMode {
  CHIP,
  SWIPE,
  CONTACTLESS,
  MANUAL,
  TOKEN
}

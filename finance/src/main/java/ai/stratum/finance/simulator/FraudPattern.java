package ai.stratum.finance.simulator;

/** The fraud schemes the simulator injects; the label names the pattern. */
public enum FraudPattern {
  /** Many tiny online charges to check a stolen card works, then large purchases. */
  CARD_TESTING,
  /** A new device takes over the account: online, at night, large round amounts. */
  ACCOUNT_TAKEOVER,
  /** A cloned card swiped far away shortly after the real card was used at home. */
  IMPOSSIBLE_TRAVEL,
  /** A complicit merchant keys in charges on many cards in a burst. */
  MERCHANT_COLLUSION,
  /** A long-standing account maxes out its cards in a spree before disappearing. */
  BUST_OUT
}

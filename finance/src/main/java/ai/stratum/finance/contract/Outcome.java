package ai.stratum.finance.contract;

/** The contract's {@code decision} enum, in increasing severity. */
public enum Outcome {
  APPROVE,
  REVIEW,
  DECLINE;

  /** Whether an analyst sees this decision as a case. */
  public boolean isAlert() {
    return this != APPROVE;
  }
}

package ai.stratum.finance.stream.internal;

import ai.stratum.finance.contract.RejectionReason;

/**
 * Why a record went to the dead-letter topic; carries no stack trace (it is an outcome, not a bug).
 */
final class RejectedRecordException extends RuntimeException {

  private final RejectionReason reason;

  RejectedRecordException(RejectionReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectionReason reason() {
    return reason;
  }
}

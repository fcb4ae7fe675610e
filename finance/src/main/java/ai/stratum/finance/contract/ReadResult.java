package ai.stratum.finance.contract;

import ai.stratum.core.web.InvalidField;
import java.util.List;

/** The outcome of reading one record: a valid transaction, or the reason it was refused. */
public sealed interface ReadResult {

  /** A record that satisfies the transaction contract. */
  record Accepted(Transaction transaction) implements ReadResult {}

  /**
   * A refused record.
   *
   * @param detail one line for people and the dead-letter headers (no field values: card data)
   * @param violations the offending fields, for schema violations
   */
  record Rejected(RejectionReason reason, String detail, List<InvalidField> violations)
      implements ReadResult {

    public Rejected {
      violations = List.copyOf(violations);
    }
  }
}

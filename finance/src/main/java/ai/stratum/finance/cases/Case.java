package ai.stratum.finance.cases;

import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.Label;
import org.jspecify.annotations.Nullable;

/** An alerted decision and, once known, its label. */
public record Case(Decision decision, @Nullable Label label) {

  public boolean resolved() {
    return label != null;
  }
}

package ai.stratum.core.audit;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of walking the chain: how many entries were checked and, if the chain is broken, the
 * first sequence at which it breaks and why. Verification stops at the first break.
 */
public record AuditVerification(
    long checkedEntries, OptionalLong firstBrokenSequence, Optional<String> problem) {

  public static AuditVerification intact(long checkedEntries) {
    return new AuditVerification(checkedEntries, OptionalLong.empty(), Optional.empty());
  }

  public static AuditVerification broken(long checkedEntries, long sequence, String problem) {
    return new AuditVerification(checkedEntries, OptionalLong.of(sequence), Optional.of(problem));
  }

  public boolean isIntact() {
    return firstBrokenSequence.isEmpty();
  }
}

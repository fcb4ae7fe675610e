package ai.stratum.core.audit.internal;

import ai.stratum.core.audit.AuditVerification;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks links fed in sequence order: each must have the next sequence number, point at the
 * previous link's hash, and hash to its own stored hash. Remembers the first break; later links are
 * not checked.
 */
public final class ChainVerifier {

  private long expectedSequence = 1;
  private String expectedPrevious = AuditHash.GENESIS;
  private long checked;
  private @Nullable AuditVerification broken;

  /** Returns false once the chain is known to be broken, so the caller can stop reading. */
  public boolean accept(ChainLink link) {
    if (broken != null) {
      return false;
    }
    Optional<String> problem = problemWith(link);
    if (problem.isPresent()) {
      long at = Math.min(link.sequence(), expectedSequence);
      broken = AuditVerification.broken(checked, at, problem.get());
      return false;
    }
    checked++;
    expectedSequence++;
    expectedPrevious = link.hash();
    return true;
  }

  public AuditVerification result() {
    return broken != null ? broken : AuditVerification.intact(checked);
  }

  private Optional<String> problemWith(ChainLink link) {
    if (link.sequence() != expectedSequence) {
      return Optional.of(
          "entry "
              + expectedSequence
              + " is missing (the next stored entry is "
              + link.sequence()
              + ")");
    }
    if (!link.previousHash().equals(expectedPrevious)) {
      return Optional.of(
          "entry "
              + link.sequence()
              + " does not point at the hash of entry "
              + (link.sequence() - 1));
    }
    if (!AuditHash.of(link).equals(link.hash())) {
      return Optional.of("entry " + link.sequence() + " does not match its hash");
    }
    return Optional.empty();
  }
}

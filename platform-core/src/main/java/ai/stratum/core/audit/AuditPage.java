package ai.stratum.core.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a tenant's entries in sequence order; {@code nextAfter} is the {@code afterSequence}
 * for the next page, empty on the last page.
 */
public record AuditPage(List<AuditEntry> entries, OptionalLong nextAfter) {

  public AuditPage {
    entries = List.copyOf(entries);
  }
}

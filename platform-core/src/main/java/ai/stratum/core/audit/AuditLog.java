package ai.stratum.core.audit;

import ai.stratum.core.tenancy.TenantId;

/**
 * The append-only audit log of a service. Entries form one hash chain per service schema, across
 * tenants; appends are serialised so the chain stays linear. {@link #append} joins the caller's
 * transaction when there is one, so an action and its audit entry commit or roll back together.
 */
public interface AuditLog {

  AuditEntry append(AuditEvent event);

  /**
   * Recomputes every hash from the stored fields and reports the first entry that does not fit the
   * chain.
   */
  AuditVerification verify();

  /**
   * A tenant's entries with a sequence above {@code afterSequence} (0 for the first page), oldest
   * first.
   */
  AuditPage page(TenantId tenant, long afterSequence, int limit);
}

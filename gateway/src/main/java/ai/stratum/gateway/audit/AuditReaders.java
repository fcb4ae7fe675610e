package ai.stratum.gateway.audit;

import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.tenancy.Tenants;

/** Whose audit entries a caller may read: admins and platform auditors any tenant's. */
public final class AuditReaders {

  private AuditReaders() {}

  public static boolean readsEveryTenant(Caller caller) {
    return caller.hasRole(Role.ADMIN) || caller.tenant().equals(Tenants.PLATFORM);
  }
}

package ai.stratum.gateway.tenancy;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.NotFoundException;
import java.util.List;
import java.util.Optional;

/** The tenants the gateway knows; a credential can only be issued for one of them. */
public interface Tenants {

  /** The operators of the platform itself; created by the gateway's first migration. */
  TenantId PLATFORM = TenantId.of("platform");

  /**
   * Registers a tenant and records it in the audit log.
   *
   * @throws ai.stratum.core.web.ConflictException if the id is taken
   */
  Tenant create(TenantId id, String name, String actor);

  List<Tenant> list();

  Optional<Tenant> find(TenantId id);

  /**
   * @throws ai.stratum.core.web.NotFoundException if there is no such tenant
   */
  default Tenant require(TenantId id) {
    return find(id).orElseThrow(() -> new NotFoundException("tenant", id));
  }
}

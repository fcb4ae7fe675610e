package ai.stratum.gateway.security;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import java.time.Instant;
import java.util.Set;

/** A person who logs in to the console. */
public record ConsoleUser(
    String username, TenantId tenant, Set<Role> roles, boolean enabled, Instant createdAt) {

  public ConsoleUser {
    roles = Set.copyOf(roles);
  }
}

package ai.stratum.gateway.security;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A tenant's API key as listed: everything but the secret, which only its creator ever sees. */
public record ApiKey(
    String id,
    TenantId tenant,
    String name,
    Set<Role> roles,
    String createdBy,
    Instant createdAt,
    @Nullable Instant revokedAt) {

  public ApiKey {
    roles = Set.copyOf(roles);
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}

package ai.stratum.gateway.identity;

import ai.stratum.core.tenancy.TenantId;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller. The tenant comes from the credential, never from the request.
 *
 * @param subject who, e.g. {@code user:alice}, {@code key:k3f9...} or {@code jwt:<sub>}; the actor
 *     in audit entries
 */
public record Caller(String subject, TenantId tenant, Set<Role> roles, CredentialType credential) {

  public Caller {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(credential, "credential");
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}

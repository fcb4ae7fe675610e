package ai.stratum.gateway.security;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** API keys of machine clients, one tenant each. */
public interface ApiKeys {

  /** The request header that carries an API key. */
  String HEADER = "X-Api-Key";

  /**
   * Issues a key and records it in the audit log.
   *
   * @throws ai.stratum.core.web.NotFoundException if the tenant does not exist
   */
  IssuedApiKey create(TenantId tenant, String name, Set<Role> roles, String actor);

  /** The tenant's keys, revoked ones included, newest first. */
  List<ApiKey> list(TenantId tenant);

  /**
   * Revokes a key of the tenant; later calls with it get 401. Revoking twice changes nothing.
   *
   * @throws ai.stratum.core.web.NotFoundException if the tenant has no such key (also when another
   *     tenant has it)
   */
  ApiKey revoke(TenantId tenant, String keyId, String actor);

  /** The caller a token stands for, or empty if it is malformed, unknown or revoked. */
  Optional<Caller> authenticate(String token);
}

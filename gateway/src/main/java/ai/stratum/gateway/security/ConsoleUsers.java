package ai.stratum.gateway.security;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Console users; every change is recorded in the audit log. */
public interface ConsoleUsers {

  /** Passwords shorter than this are refused. */
  int MIN_PASSWORD_LENGTH = 12;

  /**
   * @throws ai.stratum.core.web.ConflictException if the username is taken
   * @throws ai.stratum.core.web.InvalidRequestException if the password is too short
   * @throws ai.stratum.core.web.NotFoundException if the tenant does not exist
   */
  ConsoleUser create(
      String username, TenantId tenant, Set<Role> roles, String password, String actor);

  List<ConsoleUser> list();

  Optional<ConsoleUser> find(String username);

  ConsoleUser changeRoles(String username, Set<Role> roles, String actor);

  /** A disabled user cannot log in, and a session of theirs ends at its next request. */
  ConsoleUser setEnabled(String username, boolean enabled, String actor);
}

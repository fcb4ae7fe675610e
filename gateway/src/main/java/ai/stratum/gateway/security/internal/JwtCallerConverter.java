package ai.stratum.gateway.security.internal;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CallerAuthentication;
import ai.stratum.gateway.identity.CredentialType;
import ai.stratum.gateway.identity.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A verified JWT as a {@link Caller}: tenant from the {@code tenant} claim, roles from {@code
 * roles}. A token without a valid tenant or with an unknown role is refused, not narrowed.
 */
public final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  static final String TENANT_CLAIM = "tenant";
  static final String ROLES_CLAIM = "roles";

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    String tenant = jwt.getClaimAsString(TENANT_CLAIM);
    List<String> roleNames = jwt.getClaimAsStringList(ROLES_CLAIM);
    if (tenant == null || roleNames == null || roleNames.isEmpty() || jwt.getSubject() == null) {
      throw new InvalidBearerTokenException("token lacks sub, tenant or roles");
    }
    try {
      Set<Role> roles = EnumSet.noneOf(Role.class);
      roleNames.forEach(name -> roles.add(Role.parse(name)));
      return new CallerAuthentication(
          new Caller(jwt.getSubject(), TenantId.of(tenant), roles, CredentialType.BEARER_TOKEN));
    } catch (IllegalArgumentException invalid) {
      throw new InvalidBearerTokenException("token has an invalid tenant or role");
    }
  }
}

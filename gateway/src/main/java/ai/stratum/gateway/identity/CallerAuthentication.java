package ai.stratum.gateway.identity;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The Spring Security authentication of every kind of credential once verified, so that the rest of
 * the gateway sees one principal type: {@link Caller}.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

  private final Caller caller;

  public CallerAuthentication(Caller caller) {
    super(authorities(caller));
    this.caller = caller;
    setAuthenticated(true);
  }

  private static Collection<GrantedAuthority> authorities(Caller caller) {
    return caller.roles().stream()
        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
        .toList();
  }

  public Caller caller() {
    return caller;
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }

  /** Credentials are checked before this object exists and are never kept. */
  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public String getName() {
    return caller.subject();
  }
}

package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.CallerAuthentication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Console login: username and password against the Argon2id hash of an enabled user. */
@Component
public class PasswordAuthenticationProvider implements AuthenticationProvider {

  private final JdbcConsoleUsers users;

  PasswordAuthenticationProvider(JdbcConsoleUsers users) {
    this.users = users;
  }

  @Override
  public Authentication authenticate(Authentication login) {
    String username = login.getName();
    String password = String.valueOf(login.getCredentials());
    return users
        .verifyPassword(username, password)
        .map(CallerAuthentication::new)
        .orElseThrow(() -> new BadCredentialsException("wrong username or password"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}

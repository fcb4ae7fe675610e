package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.identity.CredentialType;
import ai.stratum.gateway.security.ConsoleUser;
import ai.stratum.gateway.security.ConsoleUsers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Ends the console session of a user who was disabled after logging in. */
public final class DisabledUserFilter extends OncePerRequestFilter {

  private static final String USER_PREFIX = "user:";

  private final ConsoleUsers users;

  public DisabledUserFilter(ConsoleUsers users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = Callers.current();
    if (caller.isPresent()
        && caller.get().credential() == CredentialType.CONSOLE_SESSION
        && !users
            .find(caller.get().subject().substring(USER_PREFIX.length()))
            .map(ConsoleUser::enabled)
            .orElse(false)) {
      SecurityContextHolder.clearContext();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
    }
    chain.doFilter(request, response);
  }
}

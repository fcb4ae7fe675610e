package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.CallerAuthentication;
import ai.stratum.gateway.security.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests that carry an {@code X-Api-Key} header. A key that is malformed, unknown
 * or revoked ends the request with 401 rather than letting it continue anonymously.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  private final ApiKeys apiKeys;
  private final AuthenticationEntryPoint entryPoint;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  public ApiKeyAuthenticationFilter(ApiKeys apiKeys, AuthenticationEntryPoint entryPoint) {
    this.apiKeys = apiKeys;
    this.entryPoint = entryPoint;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = request.getHeader(ApiKeys.HEADER);
    if (token == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<CallerAuthentication> authentication =
        apiKeys.authenticate(token).map(CallerAuthentication::new);
    if (authentication.isEmpty()) {
      contexts.clearContext();
      entryPoint.commence(
          request, response, new BadCredentialsException("unknown or revoked API key"));
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(authentication.get());
    contexts.setContext(context);
    chain.doFilter(request, response);
  }
}

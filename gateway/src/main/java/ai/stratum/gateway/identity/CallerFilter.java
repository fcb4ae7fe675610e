package ai.stratum.gateway.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Work done around every authenticated call (audit, rate limits). The security configuration runs
 * every such bean, in {@link org.springframework.core.annotation.Order} order, after the caller is
 * authenticated and before the call is authorized, so a filter also sees calls that end in 403.
 * Unauthenticated requests never reach them.
 */
public interface CallerFilter {

  void doFilter(
      Caller caller, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException;
}

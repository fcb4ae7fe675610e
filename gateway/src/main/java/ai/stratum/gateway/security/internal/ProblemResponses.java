package ai.stratum.gateway.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem details: {@code sendError} hands them to platform-core's error controller,
 * which renders every error of a service the same way.
 */
public final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stratum\"");
    response.sendError(
        HttpServletResponse.SC_UNAUTHORIZED,
        "A valid API key (header X-Api-Key) or bearer token is required.");
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    response.sendError(HttpServletResponse.SC_FORBIDDEN, "Your roles do not allow this request.");
  }
}

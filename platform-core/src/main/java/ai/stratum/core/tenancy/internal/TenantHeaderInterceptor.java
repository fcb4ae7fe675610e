package ai.stratum.core.tenancy.internal;

import ai.stratum.core.tenancy.TenantContext;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * Runs each request handler in the scope of the tenant named by the tenant header. Requests without
 * the header run without a tenant; handlers that need one call {@link TenantContext#require()}. An
 * interceptor rather than a servlet filter so that a malformed header becomes a problem response
 * through the normal exception handling.
 */
public final class TenantHeaderInterceptor implements AsyncHandlerInterceptor {

  private static final String SCOPE_ATTRIBUTE = TenantHeaderInterceptor.class.getName() + ".scope";

  private final String header;

  public TenantHeaderInterceptor(String header) {
    this.header = header;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String value = request.getHeader(header);
    if (value == null) {
      return true;
    }
    TenantId tenant;
    try {
      tenant = TenantId.of(value.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Header " + header + " is not a valid tenant id.");
    }
    request.setAttribute(SCOPE_ATTRIBUTE, TenantContext.enter(tenant));
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request,
      HttpServletResponse response,
      Object handler,
      @Nullable Exception ex) {
    leaveScope(request);
  }

  @Override
  public void afterConcurrentHandlingStarted(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    // the request thread goes back to the pool while async processing continues elsewhere
    leaveScope(request);
  }

  private static void leaveScope(HttpServletRequest request) {
    if (request.getAttribute(SCOPE_ATTRIBUTE) instanceof TenantContext.Scope scope) {
      request.removeAttribute(SCOPE_ATTRIBUTE);
      scope.close();
    }
  }
}

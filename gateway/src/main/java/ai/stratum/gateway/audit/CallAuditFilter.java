package ai.stratum.gateway.audit;

import ai.stratum.core.audit.AuditEvent;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CallerFilter;
import ai.stratum.gateway.routing.Route;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Records every authenticated call once it is answered, including those refused for their roles or
 * their rate. The query string stays out: it may carry patient or card data (QIDO-RS searches by
 * patient name), and the log cannot be edited later.
 */
@Component
@Order(1)
class CallAuditFilter implements CallerFilter {

  static final String ACTION = "http.call";

  private final AuditLog audit;

  CallAuditFilter(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void doFilter(
      Caller caller, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } finally {
      String route = Route.forPath(request.getRequestURI()).map(Route::key).orElse("gateway");
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("method", request.getMethod());
      details.put("path", request.getRequestURI());
      details.put("status", response.getStatus());
      details.put("credential", caller.credential().name());
      audit.append(
          AuditEvent.of(caller.tenant(), caller.subject(), ACTION, "route:" + route, details));
    }
  }
}

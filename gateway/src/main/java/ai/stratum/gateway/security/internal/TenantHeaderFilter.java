package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Replaces whatever tenant header the client sent with the tenant of its credential, or removes it
 * for unauthenticated requests. Everything after this filter (platform-core's tenant scope, the
 * proxy to the services) sees only the credential's tenant.
 */
public final class TenantHeaderFilter extends OncePerRequestFilter {

  private final String header;

  public TenantHeaderFilter(String header) {
    this.header = header;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String tenant = Callers.current().map(Caller::tenant).map(Object::toString).orElse(null);
    chain.doFilter(new TenantHeaderRequest(request, header, tenant), response);
  }

  private static final class TenantHeaderRequest extends HttpServletRequestWrapper {

    private final String header;
    private final @Nullable String tenant;

    TenantHeaderRequest(HttpServletRequest request, String header, @Nullable String tenant) {
      super(request);
      this.header = header;
      this.tenant = tenant;
    }

    private boolean isTenantHeader(String name) {
      return header.equalsIgnoreCase(name);
    }

    @Override
    public @Nullable String getHeader(String name) {
      return isTenantHeader(name) ? tenant : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (isTenantHeader(name)) {
        return Collections.enumeration(Optional.ofNullable(tenant).stream().toList());
      }
      return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names =
          Collections.list(super.getHeaderNames()).stream()
              .filter(name -> !isTenantHeader(name))
              .collect(Collectors.toCollection(ArrayList::new));
      if (tenant != null) {
        names.add(header);
      }
      return Collections.enumeration(names);
    }
  }
}

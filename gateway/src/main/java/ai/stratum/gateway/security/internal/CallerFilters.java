package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CallerFilter;
import ai.stratum.gateway.identity.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/** Runs the {@link CallerFilter}s of the other features, in order, for authenticated requests. */
public final class CallerFilters extends OncePerRequestFilter {

  private final List<CallerFilter> filters;

  public CallerFilters(List<CallerFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = Callers.current();
    if (caller.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    new Link(caller.get(), 0, chain).doFilter(request, response);
  }

  private final class Link implements FilterChain {

    private final Caller caller;
    private final int index;
    private final FilterChain rest;

    Link(Caller caller, int index, FilterChain rest) {
      this.caller = caller;
      this.index = index;
      this.rest = rest;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response)
        throws IOException, ServletException {
      if (index == filters.size()) {
        rest.doFilter(request, response);
        return;
      }
      filters
          .get(index)
          .doFilter(
              caller,
              (HttpServletRequest) request,
              (HttpServletResponse) response,
              new Link(caller, index + 1, rest));
    }
  }
}

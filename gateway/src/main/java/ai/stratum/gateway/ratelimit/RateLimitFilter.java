package ai.stratum.gateway.ratelimit;

import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CallerFilter;
import ai.stratum.gateway.ratelimit.internal.SharedTokenBuckets;
import ai.stratum.gateway.routing.Route;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Spends a token of the caller's tenant on the request's route, or answers 429. Buckets exist only
 * for authenticated tenants, so their number is bounded by tenants times routes; they live in
 * PostgreSQL, so all gateway instances share them.
 */
@Component
@Order(2)
class RateLimitFilter implements CallerFilter {

  /** The bucket key of the gateway's own API and console. */
  static final String GATEWAY_ROUTE = "gateway";

  private final RateLimitProperties properties;
  private final SharedTokenBuckets buckets;

  RateLimitFilter(RateLimitProperties properties, JdbcClient jdbc) {
    this.properties = properties;
    this.buckets = new SharedTokenBuckets(jdbc);
  }

  @Override
  public void doFilter(
      Caller caller, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String route = Route.forPath(request.getRequestURI()).map(Route::key).orElse(GATEWAY_ROUTE);
    RateLimitProperties.Limit limit = properties.limitFor(route);
    Optional<Duration> wait =
        buckets.tryTake(caller.tenant().value(), route, limit.capacity(), limit.refillPerSecond());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      response.sendError(
          429,
          "Tenant "
              + caller.tenant()
              + " exceeded the rate limit of route "
              + route
              + "; retry in "
              + seconds
              + " s.");
      return;
    }
    chain.doFilter(request, response);
  }
}

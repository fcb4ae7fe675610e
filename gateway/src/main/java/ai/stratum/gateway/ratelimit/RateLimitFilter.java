package ai.stratum.gateway.ratelimit;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CallerFilter;
import ai.stratum.gateway.ratelimit.internal.TokenBucket;
import ai.stratum.gateway.routing.Route;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Spends a token of the caller's tenant on the request's route, or answers 429. Buckets exist only
 * for authenticated tenants, so their number is bounded by tenants times routes.
 */
@Component
@Order(2)
class RateLimitFilter implements CallerFilter {

  /** The bucket key of the gateway's own API and console. */
  static final String GATEWAY_ROUTE = "gateway";

  private record BucketKey(TenantId tenant, String route) {}

  private final RateLimitProperties properties;
  private final ConcurrentMap<BucketKey, TokenBucket> buckets = new ConcurrentHashMap<>();

  RateLimitFilter(RateLimitProperties properties) {
    this.properties = properties;
  }

  @Override
  public void doFilter(
      Caller caller, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String route = Route.forPath(request.getRequestURI()).map(Route::key).orElse(GATEWAY_ROUTE);
    long now = System.nanoTime();
    TokenBucket bucket =
        buckets.computeIfAbsent(
            new BucketKey(caller.tenant(), route),
            key -> {
              RateLimitProperties.Limit limit = properties.limitFor(route);
              return new TokenBucket(limit.capacity(), limit.refillPerSecond(), now);
            });
    Optional<Duration> wait = bucket.tryTake(now);
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

package ai.stratum.gateway.ratelimit;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaults the limit of every route without its own
 * @param routes limits by route key ({@code medical}, {@code finance}, {@code models}, {@code
 *     learning}, {@code privacy}, or {@code gateway} for the gateway's own API and console)
 */
@ConfigurationProperties("stratum.gateway.rate-limit")
record RateLimitProperties(@DefaultValue Limit defaults, @Nullable Map<String, Limit> routes) {

  RateLimitProperties {
    routes = routes == null ? Map.of() : Map.copyOf(routes);
  }

  /**
   * @param capacity the burst a tenant may send at once
   * @param refillPerSecond the sustained rate
   */
  record Limit(@DefaultValue("200") long capacity, @DefaultValue("100") double refillPerSecond) {}

  Limit limitFor(String route) {
    return routes.getOrDefault(route, defaults);
  }
}

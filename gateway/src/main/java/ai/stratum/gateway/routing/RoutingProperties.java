package ai.stratum.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where each route goes, e.g. {@code stratum.gateway.routing.routes.medical.upstream=
 * http://medical:8081}.
 *
 * @param routes every {@link Route}, by its key
 * @param connectTimeout how long to wait for a connection to an upstream
 * @param responseTimeout how long to wait for an upstream's response headers
 * @param maxRequestSize the request body limit of every path without a route limit of its own
 */
@ConfigurationProperties("stratum.gateway.routing")
record RoutingProperties(
    @Nullable Map<Route, Target> routes,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("60s") Duration responseTimeout,
    @DefaultValue("1MB") DataSize maxRequestSize) {

  /**
   * @param upstream base URL of the service, e.g. {@code http://localhost:8081}
   * @param maxRequestSize request body limit of the route; the global limit if not set
   */
  record Target(URI upstream, @Nullable DataSize maxRequestSize) {}

  RoutingProperties {
    if (routes == null) {
      routes = Map.of();
    }
    Map<Route, Target> configured = routes;
    List<Route> missing =
        Arrays.stream(Route.values()).filter(route -> !configured.containsKey(route)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "stratum.gateway.routing.routes lacks an upstream for " + missing);
    }
    routes = new EnumMap<>(routes);
  }

  Target target(Route route) {
    return routes.get(route);
  }

  long maxRequestBytes(@Nullable Route route) {
    DataSize routeLimit = route == null ? null : target(route).maxRequestSize();
    return (routeLimit == null ? maxRequestSize : routeLimit).toBytes();
  }
}

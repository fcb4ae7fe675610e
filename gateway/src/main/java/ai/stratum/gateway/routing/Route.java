package ai.stratum.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A family of API paths served by one upstream service. */
public enum Route {
  MEDICAL("/api/medical", "/dicomweb"),
  FINANCE("/api/finance"),
  MODELS("/api/models"),
  LEARNING("/api/learning"),
  PRIVACY("/api/privacy");

  private final List<String> prefixes;

  Route(String... prefixes) {
    this.prefixes = List.of(prefixes);
  }

  /** The lower-case name used in configuration, metrics and audit entries. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The route serving a request path, if it is one of the proxied ones. */
  public static Optional<Route> forPath(String path) {
    for (Route route : values()) {
      for (String prefix : route.prefixes) {
        if (path.equals(prefix) || path.startsWith(prefix + "/")) {
          return Optional.of(route);
        }
      }
    }
    return Optional.empty();
  }
}

package ai.stratum.core.service;

import java.util.Objects;

/**
 * What makes a Stratum service what it is, read from its {@link StratumService} annotation: its
 * name, the PostgreSQL schema it owns, its default HTTP port and its Spring Boot application class.
 */
public record ServiceDefinition(
    String name, String schema, int defaultPort, Class<?> applicationClass) {

  public ServiceDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(applicationClass, "applicationClass");
    if (defaultPort < 1 || defaultPort > 65535) {
      throw new IllegalArgumentException("default port out of range: " + defaultPort);
    }
  }

  public static ServiceDefinition of(Class<?> applicationClass) {
    StratumService service = applicationClass.getAnnotation(StratumService.class);
    if (service == null) {
      throw new IllegalArgumentException(
          applicationClass.getName() + " is not annotated with @StratumService");
    }
    return new ServiceDefinition(
        service.name(), service.schema(), service.port(), applicationClass);
  }

  /** See {@link StratumService#authenticatesCallers()}. */
  public boolean authenticatesCallers() {
    StratumService service = applicationClass.getAnnotation(StratumService.class);
    return service != null && service.authenticatesCallers();
  }

  /**
   * The Flyway location of the service's own migrations; one folder per service so they can share a
   * classpath.
   */
  public String migrationLocation() {
    return "classpath:db/migration/" + schema;
  }
}

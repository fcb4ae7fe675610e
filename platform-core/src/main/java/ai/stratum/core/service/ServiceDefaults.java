package ai.stratum.core.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every {@link StratumService} the same defaults, at the lowest precedence so the service's
 * {@code <name>.yml}, environment variables and arguments override them. Runs before config data is
 * loaded because it chooses the name of the configuration file: services share one classpath in
 * standalone mode, so each needs its own file name.
 */
class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY_SOURCE_NAME = "stratumServiceDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    application.getAllSources().stream()
        .filter(Class.class::isInstance)
        .map(Class.class::cast)
        .filter(source -> source.isAnnotationPresent(StratumService.class))
        .findFirst()
        .map(ServiceDefinition::of)
        .ifPresent(service ->
            environment
                .getPropertySources()
                .addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults(service))));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  static Map<String, Object> defaults(ServiceDefinition service) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.application.name", service.name());
    defaults.put("spring.config.name", service.name());
    defaults.put("server.port", service.defaultPort());
    defaults.put("server.shutdown", "graceful");
    defaults.put("spring.threads.virtual.enabled", true);
    defaults.put("spring.jmx.enabled", false);
    defaults.put("spring.main.banner-mode", "off");
    defaults.put("spring.mvc.problemdetails.enabled", true);

    defaults.put("spring.datasource.url", "jdbc:postgresql://localhost:5432/stratum");
    defaults.put("spring.datasource.username", "postgres");
    defaults.put("spring.datasource.password", "postgres");
    defaults.put("spring.datasource.hikari.schema", service.schema());
    defaults.put("spring.datasource.hikari.pool-name", service.name());
    defaults.put("spring.datasource.hikari.maximum-pool-size", 10);
    defaults.put("spring.datasource.hikari.initialization-fail-timeout", 10_000);
    defaults.put("spring.flyway.schemas", service.schema());
    defaults.put("spring.flyway.default-schema", service.schema());
    defaults.put("spring.flyway.locations", service.migrationLocation());
    // platform-core migrates its own tables into the same schema with a separate history table
    defaults.put("spring.flyway.baseline-on-migrate", true);
    defaults.put("spring.flyway.baseline-version", "0");

    defaults.put("spring.kafka.bootstrap-servers", "localhost:9092");
    defaults.put("spring.kafka.client-id", service.name());

    defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
    defaults.put("management.endpoint.health.probes.enabled", true);
    defaults.put("management.endpoint.health.show-details", "always");
    defaults.put("management.metrics.tags.service", service.name());
    defaults.put("management.info.env.enabled", true);
    defaults.put("springdoc.api-docs.path", "/v3/api-docs");
    defaults.put("springdoc.swagger-ui.path", "/swagger-ui.html");
    return defaults;
  }
}

package ai.stratum.core.service;

import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * Spring Security's servlet auto-configurations, by name because platform-core does not depend on
   * Spring Security; names of absent classes are ignored by Spring Boot.
   */
  static final List<String> SECURITY_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration");

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
    if (!service.authenticatesCallers()) {
      // a service that sets spring.autoconfigure.exclude itself replaces this list
      defaults.put("spring.autoconfigure.exclude", String.join(",", SECURITY_AUTO_CONFIGURATIONS));
      // behind the gateway: links in responses (e.g. QIDO-RS RetrieveURL) name the gateway's host
      defaults.put("server.forward-headers-strategy", "framework");
    }
    return defaults;
  }
}

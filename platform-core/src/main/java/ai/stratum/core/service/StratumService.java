package ai.stratum.core.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring Boot application class as a Stratum service. The service then gets the shared
 * defaults (its own configuration file {@code <name>.yml}, its own PostgreSQL schema and Flyway
 * folder, actuator, metrics, OpenAPI), whether it runs alone, in standalone mode next to the
 * others, or in a test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StratumService {

  /** Service name: configuration file name, application name, metrics tag. */
  String name();

  /** The PostgreSQL schema the service owns. */
  String schema();

  /** The HTTP port when nothing else is configured. */
  int port();

  /**
   * Whether the service authenticates its callers itself with Spring Security. Only the gateway
   * does; the services behind it trust the tenant header the gateway sets. Services that leave this
   * off get Spring Security's auto-configuration excluded, so sharing a classpath with the gateway
   * (standalone mode) does not lock their endpoints.
   */
  boolean authenticatesCallers() default false;
}

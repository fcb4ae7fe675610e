package ai.stratum.core.service;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs a Stratum service as its own process (distributed deployment). */
public final class StratumApplication {

  private StratumApplication() {}

  /**
   * Runs the service; a start-up failure ends the process with one line naming the cause and a
   * setting.
   */
  public static ConfigurableApplicationContext run(Class<?> applicationClass, String... args) {
    ServiceDefinition service = ServiceDefinition.of(applicationClass);
    try {
      return SpringApplication.run(applicationClass, args);
    } catch (RuntimeException failure) {
      System.err.println("stratum " + service.name() + ": " + StartupFailures.describe(failure));
      System.exit(1);
      throw failure;
    }
  }
}

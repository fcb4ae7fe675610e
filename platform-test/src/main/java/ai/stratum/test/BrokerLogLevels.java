package ai.stratum.test;

import java.util.List;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Keeps the in-process broker's own logging at WARN so test output shows the code under test.
 * Client loggers are left alone. A system property {@code logging.level.<logger>} set by the build
 * wins; the same properties carry the levels into Spring Boot tests, which reset logging when their
 * context starts.
 */
final class BrokerLogLevels {

  private static final List<String> BROKER_LOGGERS =
      List.of(
          "kafka",
          "state.change.logger",
          "org.apache.kafka.controller",
          "org.apache.kafka.coordinator",
          "org.apache.kafka.image",
          "org.apache.kafka.metadata",
          "org.apache.kafka.network",
          "org.apache.kafka.queue",
          "org.apache.kafka.raft",
          "org.apache.kafka.server",
          "org.apache.kafka.snapshot",
          "org.apache.kafka.storage");

  private BrokerLogLevels() {}

  static void quiet() {
    LoggingSystem logging = LoggingSystem.get(BrokerLogLevels.class.getClassLoader());
    for (String logger : BROKER_LOGGERS) {
      String property = "logging.level." + logger;
      if (System.getProperty(property) == null) {
        System.setProperty(property, LogLevel.WARN.name());
        logging.setLogLevel(logger, LogLevel.WARN);
      }
    }
  }
}

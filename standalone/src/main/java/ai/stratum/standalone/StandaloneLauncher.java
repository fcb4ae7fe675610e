package ai.stratum.standalone;

import ai.stratum.core.service.StartupFailures;
import ai.stratum.embedded.InfrastructureStartException;
import ch.qos.logback.classic.Level;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./stratum run}: the whole platform in this JVM until Ctrl-C. A start-up failure prints one
 * line naming the cause and the flag to change, and exits with status 1.
 */
public final class StandaloneLauncher {

  private StandaloneLauncher() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(StandaloneOptions.USAGE);
      return;
    }
    quietenStartupLogging();
    StandalonePlatform platform;
    try {
      platform = StandalonePlatform.start(StandaloneOptions.parse(args));
    } catch (RuntimeException failure) {
      System.err.println("stratum: " + describe(failure));
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stratum: stopping");
                  platform.close();
                  stopped.countDown();
                },
                "stratum-shutdown"));
    System.out.print(platform.describe());
    stopped.await();
  }

  /**
   * PostgreSQL and Kafka start before any Spring context configures logging; until then only
   * warnings reach the console, like afterwards.
   */
  private static void quietenStartupLogging() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
  }

  static String describe(Throwable failure) {
    if (failure instanceof IllegalArgumentException usage) {
      return usage.getMessage();
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InfrastructureStartException infrastructure) {
        return infrastructure.getMessage();
      }
    }
    return StartupFailures.describe(failure);
  }
}

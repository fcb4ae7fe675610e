package ai.stratum.medical.delivery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background work that runs {@link #runOnce()} on its own daemon thread every {@code interval}
 * (after the previous run ended) while the application runs; a failed run is logged and the next
 * one comes on schedule. Runs never overlap.
 */
public abstract class PeriodicTask implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Duration interval;
  private @Nullable ScheduledExecutorService scheduler;

  protected PeriodicTask(String name, Duration interval) {
    this.name = name;
    this.interval = interval;
  }

  /** One round of the work. */
  protected abstract void runOnce();

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(name).daemon().factory());
    executor.scheduleWithFixedDelay(
        this::runLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  /** Runs the task soon rather than at the next period; nothing when stopped. */
  public synchronized void nudge() {
    if (scheduler != null) {
      scheduler.execute(this::runLogged);
    }
  }

  /** Stops scheduling and interrupts a running run, waiting briefly for it to end. */
  @Override
  public void stop() {
    ScheduledExecutorService executor;
    synchronized (this) {
      executor = scheduler;
      scheduler = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  private void runLogged() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.error("{} failed", name, e);
    }
  }
}

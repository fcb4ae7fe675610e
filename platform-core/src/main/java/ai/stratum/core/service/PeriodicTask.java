package ai.stratum.core.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final AtomicBoolean nudged = new AtomicBoolean();
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
    // a nudge dropped by the last stop must not keep later ones from running
    nudged.set(false);
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(name).daemon().factory());
    executor.scheduleWithFixedDelay(
        this::runLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  /**
   * Runs the task soon rather than at the next period; nothing when stopped. A burst of nudges
   * before that run starts gives one run, which sees everything the burst was about.
   */
  public synchronized void nudge() {
    if (scheduler != null && nudged.compareAndSet(false, true)) {
      scheduler.execute(() -> {
        nudged.set(false);
        runLogged();
      });
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

package ai.stratum.bench.inference;

import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.serving.ModelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a served model for a warm-up and a measured window. Only requests sent inside the window
 * count, and open-loop latency runs from the moment a request was due, so a stalled server cannot
 * hide its queueing (no coordinated omission).
 */
final class LoadGenerator {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ModelServer server;
  private final String model;
  private final List<List<Tensor>> inputs;
  private final Duration warmUp;
  private final Duration measured;

  LoadGenerator(
      ModelServer server,
      String model,
      List<List<Tensor>> inputs,
      Duration warmUp,
      Duration measured) {
    this.server = server;
    this.model = model;
    this.inputs = inputs;
    this.warmUp = warmUp;
    this.measured = measured;
  }

  /**
   * {@code clients} callers that each send their next request when the previous one is answered;
   * records into {@code latencies}, so rounds can pool their results.
   */
  void closedLoop(int clients, Latencies latencies) throws InterruptedException {
    long measureFrom = System.nanoTime() + warmUp.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int client = 0; client < clients; client++) {
      int first = client;
      threads.add(
          Thread.ofVirtual()
              .start(() -> {
                int next = first;
                while (true) {
                  long sent = System.nanoTime();
                  if (sent >= measureUntil) {
                    return;
                  }
                  List<Tensor> input = inputs.get(next++ % inputs.size());
                  try {
                    server.predict(model, input, TIMEOUT).join();
                    if (sent >= measureFrom) {
                      latencies.record(System.nanoTime() - sent);
                    }
                  } catch (RuntimeException e) {
                    latencies.fail();
                  }
                }
              }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Requests sent at a fixed rate whatever the answers do; records into {@code latencies}. */
  void openLoop(double requestsPerSecond, Latencies latencies) throws InterruptedException {
    long interval = Math.round(1e9 / requestsPerSecond);
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    AtomicInteger inFlight = new AtomicInteger();
    long due = start;
    int next = 0;
    while (due < measureUntil) {
      long now = System.nanoTime();
      if (now < due) {
        LockSupport.parkNanos(due - now);
        continue;
      }
      long scheduled = due;
      due += interval;
      boolean counted = scheduled >= measureFrom;
      inFlight.incrementAndGet();
      server
          .predict(model, inputs.get(next++ % inputs.size()), TIMEOUT)
          .whenComplete((prediction, failure) -> {
            if (counted) {
              if (failure == null) {
                latencies.record(System.nanoTime() - scheduled);
              } else {
                latencies.fail();
              }
            }
            inFlight.decrementAndGet();
          });
    }
    long giveUp = System.nanoTime() + TIMEOUT.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < giveUp) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }
}

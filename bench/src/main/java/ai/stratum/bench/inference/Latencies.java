package ai.stratum.bench.inference;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies of one run, recorded lock-free from many threads; percentiles by sorting at the end.
 */
final class Latencies {

  private final long[] nanos;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong failures = new AtomicLong();

  Latencies(int capacity) {
    nanos = new long[capacity];
  }

  void record(long latencyNanos) {
    int slot = count.getAndIncrement();
    if (slot < nanos.length) {
      nanos[slot] = latencyNanos;
    }
  }

  void fail() {
    failures.incrementAndGet();
  }

  long answered() {
    return Math.min(count.get(), nanos.length);
  }

  long failures() {
    return failures.get();
  }

  /** The q-quantile in milliseconds, e.g. {@code percentileMillis(0.99)}. */
  double percentileMillis(double q) {
    int n = (int) answered();
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    int index = Math.min(n - 1, (int) Math.ceil(q * n) - 1);
    return sorted[Math.max(index, 0)] / 1e6;
  }
}

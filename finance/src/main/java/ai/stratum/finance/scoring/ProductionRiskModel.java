package ai.stratum.finance.scoring;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The risk model version in service, lent out per batch: a batch scores, explains and reads the
 * risk tables of one version from start to end, even when a promotion swaps the version meanwhile.
 * A replaced version is retired only after its last lease is returned, so no decision fails and
 * none mixes two versions. Thread-safe; a lease costs two atomic increments.
 */
public final class ProductionRiskModel {

  private final AtomicReference<@Nullable Served> current = new AtomicReference<>();

  /** Borrows the version in service; close the lease when the batch is decided. */
  public Lease acquire() {
    while (true) {
      Served served = current.get();
      if (served == null) {
        throw new IllegalStateException("no finance risk model is loaded yet");
      }
      served.leases.incrementAndGet();
      // re-check: a swap between the read and the increment may already be retiring this version
      if (current.get() == served) {
        return new Lease(served);
      }
      served.release();
    }
  }

  /** The {@code modelVersion} that decisions get now. */
  public String version() {
    Served served = current.get();
    return served == null ? "none" : served.model.version();
  }

  /**
   * Puts {@code next} in service and waits (at most {@code drainTimeout}) until the batches still
   * holding the previous version are done.
   *
   * @return the previous version, now unused, for the caller to undeploy; null if there was none
   */
  @Nullable RiskModel serve(RiskModel next, Duration drainTimeout) throws InterruptedException {
    Served previous = current.getAndSet(new Served(next));
    if (previous == null) {
      return null;
    }
    previous.awaitIdle(drainTimeout);
    return previous.model;
  }

  /** One batch's hold on a version. */
  public static final class Lease implements AutoCloseable {

    private final Served served;
    private boolean closed;

    private Lease(Served served) {
      this.served = served;
    }

    public RiskModel model() {
      return served.model;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        served.release();
      }
    }
  }

  private static final class Served {

    private final RiskModel model;
    private final AtomicInteger leases = new AtomicInteger();
    private volatile boolean retiring;

    private Served(RiskModel model) {
      this.model = model;
    }

    private void release() {
      if (leases.decrementAndGet() == 0 && retiring) {
        synchronized (this) {
          notifyAll();
        }
      }
    }

    private synchronized void awaitIdle(Duration timeout) throws InterruptedException {
      retiring = true;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (leases.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}

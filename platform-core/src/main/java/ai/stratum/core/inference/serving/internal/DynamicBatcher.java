package ai.stratum.core.inference.serving.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching for one model on one device: a bounded queue that refuses work at once when
 * full, worker threads that each own a handler (a predictor is not thread-safe), and batches that
 * close when full or when their oldest request has waited {@code maxDelay}. One worker at a time
 * forms a batch while the others compute, so batches fill up under load instead of being split
 * between idle workers. Every request has a deadline; a request past it fails and is not computed.
 *
 * @param <I> one request's input
 * @param <O> one request's output
 */
public final class DynamicBatcher<I, O> {

  /** Runs batches; created once per worker thread and only used by that thread. */
  public interface BatchHandler<I, O> extends AutoCloseable {

    /** One output per input, in order. */
    List<O> handle(List<I> batch);

    @Override
    void close();
  }

  /** The errors the batcher reports, in the vocabulary of its owner. */
  public interface Errors {

    RuntimeException queueFull(int capacity);

    RuntimeException deadlineExceeded(Duration timeout);

    RuntimeException batchFailed(int batchSize, Throwable cause);

    RuntimeException closedBeforeRun();
  }

  /**
   * Thrown by {@link #submit} once {@link #close} has begun; the caller retries with a successor,
   * if any.
   */
  public static final class ClosedException extends RuntimeException {
    ClosedException() {
      super("batcher is closed", null, false, false);
    }
  }

  public record Settings(int maxBatchSize, Duration maxDelay, int queueCapacity, int workers) {}

  private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final String name;
  private final int maxBatchSize;
  private final long maxDelayNanos;
  private final int queueCapacity;
  private final BlockingQueue<Job<I, O>> queue;
  private final Lock formingLock = new ReentrantLock();
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService deadlines;
  private final Errors errors;
  private final MeterRegistry meters;
  private final List<Meter> ownMeters = new ArrayList<>();
  private final DistributionSummary batchSizes;
  private final Timer latency;
  private final Counter refusedFull;
  private final Counter expired;
  private volatile boolean closed;

  /**
   * Starts the workers and returns once each has created its handler.
   *
   * @param name thread name prefix, e.g. {@code fraud-mlp-v3-cpu}
   * @param tags identify the model version and device on every meter
   * @param deadlines the scheduler that fails requests at their deadline
   * @throws RuntimeException the first handler creation failure, after stopping the workers that
   *     did start
   */
  public DynamicBatcher(
      String name,
      Settings settings,
      Supplier<BatchHandler<I, O>> handlers,
      Errors errors,
      ScheduledExecutorService deadlines,
      MeterRegistry meters,
      Tags tags) {
    this.name = name;
    this.maxBatchSize = settings.maxBatchSize();
    this.maxDelayNanos = settings.maxDelay().toNanos();
    this.queueCapacity = settings.queueCapacity();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.errors = errors;
    this.deadlines = deadlines;
    this.meters = meters;
    ownMeters.add(
        Gauge.builder("stratum.inference.queue.depth", queue, BlockingQueue::size)
            .description("Requests waiting for a batch")
            .tags(tags)
            .register(meters));
    batchSizes =
        register(
            DistributionSummary.builder("stratum.inference.batch.size")
                .description("Requests per executed batch")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .tags(tags)
                .register(meters));
    latency =
        register(
            Timer.builder("stratum.inference.latency")
                .description("From submission to answer, for answered requests")
                .publishPercentileHistogram()
                .tags(tags)
                .register(meters));
    refusedFull = register(refusals(tags, "queue-full"));
    expired = register(refusals(tags, "deadline"));
    start(settings.workers(), handlers);
  }

  /**
   * Queues one request.
   *
   * @return completes with the output, or with {@link Errors#queueFull} at once, {@link
   *     Errors#deadlineExceeded} when the timeout passes first, or {@link Errors#batchFailed}
   * @throws ClosedException when the batcher no longer takes requests
   */
  public CompletableFuture<O> submit(I input, Duration timeout) {
    Job<I, O> job = new Job<>(input, System.nanoTime());
    admission.readLock().lock();
    try {
      if (closed) {
        throw new ClosedException();
      }
      if (!queue.offer(job)) {
        refusedFull.increment();
        return CompletableFuture.failedFuture(errors.queueFull(queueCapacity));
      }
    } finally {
      admission.readLock().unlock();
    }
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              if (job.result.completeExceptionally(errors.deadlineExceeded(timeout))) {
                expired.increment();
              }
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    job.result.whenComplete((output, failure) -> deadline.cancel(false));
    return job.result;
  }

  public int queueDepth() {
    return queue.size();
  }

  /**
   * Stops taking requests, lets the workers finish everything already queued, then closes their
   * handlers. Requests still queued after {@code drainTimeout} fail with {@link
   * Errors#closedBeforeRun}.
   */
  public void close(Duration drainTimeout) {
    admission.writeLock().lock();
    try {
      closed = true;
    } finally {
      admission.writeLock().unlock();
    }
    long giveUpAt = System.nanoTime() + drainTimeout.toNanos();
    for (Thread worker : workers) {
      try {
        long left = giveUpAt - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(worker, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Job<I, O>> abandoned = new ArrayList<>();
    queue.drainTo(abandoned);
    if (!abandoned.isEmpty()) {
      log.warn(
          "{}: {} queued requests not run within the drain timeout of {}",
          name,
          abandoned.size(),
          drainTimeout);
      abandoned.forEach(job -> job.result.completeExceptionally(errors.closedBeforeRun()));
    }
    workers.forEach(Thread::interrupt);
    ownMeters.forEach(meters::remove);
  }

  private void start(int workerCount, Supplier<BatchHandler<I, O>> handlers) {
    CountDownLatch ready = new CountDownLatch(workerCount);
    AtomicReference<@Nullable Throwable> startFailure = new AtomicReference<>();
    for (int i = 0; i < workerCount; i++) {
      Thread worker =
          Thread.ofPlatform()
              .name(name + "-worker-" + i)
              .daemon()
              .unstarted(() -> work(handlers, ready, startFailure));
      workers.add(worker);
      worker.start();
    }
    try {
      ready.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      startFailure.compareAndSet(
          null, new IllegalStateException("interrupted while starting " + name, e));
    }
    Throwable failure = startFailure.get();
    if (failure != null) {
      close(Duration.ZERO);
      if (failure instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) failure;
    }
  }

  private void work(
      Supplier<BatchHandler<I, O>> handlers,
      CountDownLatch ready,
      AtomicReference<@Nullable Throwable> startFailure) {
    BatchHandler<I, O> handler;
    try {
      handler = handlers.get();
    } catch (RuntimeException | Error e) {
      // whatever happens, the constructor waiting for this worker must hear of it
      startFailure.compareAndSet(null, e);
      closed = true;
      ready.countDown();
      return;
    }
    ready.countDown();
    try (handler) {
      List<Job<I, O>> batch = new ArrayList<>(maxBatchSize);
      while (nextBatch(batch)) {
        run(handler, batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fills {@code batch}; false once the batcher is closed and the queue is empty. */
  private boolean nextBatch(List<Job<I, O>> batch) throws InterruptedException {
    formingLock.lockInterruptibly();
    try {
      Job<I, O> first;
      while ((first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS)) == null) {
        if (closed) {
          return false;
        }
      }
      batch.add(first);
      long flushAt = first.queuedAtNanos + maxDelayNanos;
      while (batch.size() < maxBatchSize) {
        if (queue.drainTo(batch, maxBatchSize - batch.size()) > 0) {
          continue;
        }
        long wait = flushAt - System.nanoTime();
        if (wait <= 0 || closed) {
          break;
        }
        // wake up now and then to notice a close, which should not wait out a long delay
        Job<I, O> next = queue.poll(Math.min(wait, IDLE_POLL_NANOS), TimeUnit.NANOSECONDS);
        if (next != null) {
          batch.add(next);
        }
      }
      return true;
    } finally {
      formingLock.unlock();
    }
  }

  private void run(BatchHandler<I, O> handler, List<Job<I, O>> batch) {
    // requests past their deadline (or cancelled by the caller) are already answered; computing
    // them helps nobody
    batch.removeIf(job -> job.result.isDone());
    if (batch.isEmpty()) {
      return;
    }
    batchSizes.record(batch.size());
    List<I> inputs = new ArrayList<>(batch.size());
    for (Job<I, O> job : batch) {
      inputs.add(job.input);
    }
    List<O> outputs;
    try {
      outputs = handler.handle(inputs);
      if (outputs.size() != batch.size()) {
        throw new IllegalStateException(outputs.size() + " outputs for a batch of " + batch.size());
      }
    } catch (RuntimeException | Error e) {
      RuntimeException failure = errors.batchFailed(batch.size(), e);
      log.warn("{}: batch of {} failed", name, batch.size(), e);
      batch.forEach(job -> job.result.completeExceptionally(failure));
      return;
    }
    long now = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      Job<I, O> job = batch.get(i);
      if (job.result.complete(outputs.get(i))) {
        latency.record(now - job.queuedAtNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  private <M extends Meter> M register(M meter) {
    ownMeters.add(meter);
    return meter;
  }

  private Counter refusals(Tags tags, String reason) {
    return Counter.builder("stratum.inference.refused")
        .description("Requests refused because the queue was full or their deadline passed")
        .tags(tags)
        .tag("reason", reason)
        .register(meters);
  }

  private static final class Job<I, O> {
    final I input;
    final long queuedAtNanos;
    final CompletableFuture<O> result = new CompletableFuture<>();

    Job(I input, long queuedAtNanos) {
      this.input = input;
      this.queuedAtNanos = queuedAtNanos;
    }
  }
}

package ai.stratum.core.inference.serving.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

  private static final Duration LONG = Duration.ofMinutes(5);

  private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1);
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private final List<DynamicBatcher<Integer, Integer>> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(batcher -> batcher.close(Duration.ofSeconds(10)));
    deadlines.shutdownNow();
  }

  @Test
  void closesABatchAsSoonAsItIsFullWithoutWaitingForTheDelay() {
    DynamicBatcher<Integer, Integer> batcher = start(settings(4, LONG, 100, 1), handler(Gate.OPEN));

    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      results.add(batcher.submit(i, LONG));
    }

    await().until(() -> results.stream().allMatch(CompletableFuture::isDone));
    assertThat(results).extracting(CompletableFuture::join).containsExactly(10, 20, 30, 40);
    assertThat(batches).containsExactly(List.of(1, 2, 3, 4));
  }

  @Test
  void runsAPartialBatchOnceItsOldestRequestHasWaitedTheMaximumDelay() {
    DynamicBatcher<Integer, Integer> batcher =
        start(settings(8, Duration.ofSeconds(1), 100, 1), handler(Gate.OPEN));

    List<CompletableFuture<Integer>> results =
        List.of(batcher.submit(1, LONG), batcher.submit(2, LONG), batcher.submit(3, LONG));

    await().until(() -> results.stream().allMatch(CompletableFuture::isDone));
    assertThat(results).extracting(CompletableFuture::join).containsExactly(10, 20, 30);
    assertThat(batches).containsExactly(List.of(1, 2, 3));
  }

  @Test
  void withBatchSizeOneEveryRequestRunsAlone() {
    DynamicBatcher<Integer, Integer> batcher = start(settings(1, LONG, 100, 1), handler(Gate.OPEN));

    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      results.add(batcher.submit(i, LONG));
    }

    await().until(() -> results.stream().allMatch(CompletableFuture::isDone));
    assertThat(batches).hasSize(20).allSatisfy(batch -> assertThat(batch).hasSize(1));
  }

  @Test
  void refusesARequestAtOnceWhenTheQueueIsFull() {
    Gate gate = new Gate();
    DynamicBatcher<Integer, Integer> batcher =
        start(settings(1, Duration.ZERO, 2, 1), handler(gate));
    CompletableFuture<Integer> running = batcher.submit(0, LONG);
    gate.awaitEntered();
    CompletableFuture<Integer> queued1 = batcher.submit(1, LONG);
    CompletableFuture<Integer> queued2 = batcher.submit(2, LONG);

    CompletableFuture<Integer> refused = batcher.submit(3, LONG);

    assertThat(refused).isCompletedExceptionally();
    assertThatThrownBy(refused::join)
        .hasCauseInstanceOf(QueueFull.class)
        .hasMessageContaining("capacity 2");
    assertThat(
            meters.get("stratum.inference.refused").tag("reason", "queue-full").counter().count())
        .isEqualTo(1);
    gate.open();
    assertThat(List.of(running, queued1, queued2))
        .extracting(CompletableFuture::join)
        .containsExactly(0, 10, 20);
  }

  @Test
  void failsARequestWhoseDeadlinePassesInTheQueueAndNeverRunsIt() {
    Gate gate = new Gate();
    DynamicBatcher<Integer, Integer> batcher =
        start(settings(4, Duration.ZERO, 10, 1), handler(gate));
    CompletableFuture<Integer> running = batcher.submit(0, LONG);
    gate.awaitEntered();

    CompletableFuture<Integer> late = batcher.submit(7, Duration.ofMillis(50));

    await().until(late::isDone);
    assertThatThrownBy(late::join).hasCauseInstanceOf(DeadlinePassed.class);
    gate.open();
    assertThat(running.join()).isZero();
    CompletableFuture<Integer> after = batcher.submit(8, LONG);
    assertThat(after.join()).isEqualTo(80);
    assertThat(batches).containsExactly(List.of(0), List.of(8));
    await()
        .untilAsserted(() ->
            assertThat(
                    meters
                        .get("stratum.inference.refused")
                        .tag("reason", "deadline")
                        .counter()
                        .count())
                .isEqualTo(1));
  }

  @Test
  void givesEveryWorkerThreadItsOwnHandlerAndUsesItOnlyOnThatThread() throws Exception {
    Map<Thread, AtomicInteger> createdBy = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicInteger closed = new AtomicInteger();
    Supplier<DynamicBatcher.BatchHandler<Integer, Integer>> handlers =
        () -> {
          Thread owner = Thread.currentThread();
          createdBy.computeIfAbsent(owner, thread -> new AtomicInteger()).incrementAndGet();
          return new DynamicBatcher.BatchHandler<>() {
            @Override
            public List<Integer> handle(List<Integer> batch) {
              if (Thread.currentThread() != owner) {
                violations.add(
                    Thread.currentThread().getName() + " used the handler of " + owner.getName());
              }
              return batch.stream().map(i -> i * 10).toList();
            }

            @Override
            public void close() {
              closed.incrementAndGet();
            }
          };
        };
    DynamicBatcher<Integer, Integer> batcher =
        new DynamicBatcher<>(
            "test",
            settings(4, Duration.ofMillis(1), 1000, 3),
            handlers,
            new TestErrors(),
            deadlines,
            meters,
            Tags.empty());

    List<CompletableFuture<Integer>> results = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
      for (int client = 0; client < 4; client++) {
        int offset = client * 100;
        clients.execute(() -> {
          for (int i = 0; i < 100; i++) {
            results.add(batcher.submit(offset + i, LONG));
          }
        });
      }
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    batcher.close(Duration.ofSeconds(10));

    assertThat(createdBy)
        .hasSize(3)
        .allSatisfy((thread, count) -> assertThat(count.get()).isEqualTo(1));
    assertThat(violations).isEmpty();
    assertThat(closed.get()).isEqualTo(3);
    assertThat(results).hasSize(400).allSatisfy(result -> assertThat(result.join() % 10).isZero());
  }

  @Test
  void finishesQueuedRequestsWhenClosedAndRefusesNewOnes() throws Exception {
    Gate gate = new Gate();
    DynamicBatcher<Integer, Integer> batcher =
        start(settings(2, Duration.ZERO, 100, 1), handler(gate));
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    results.add(batcher.submit(0, LONG));
    gate.awaitEntered();
    for (int i = 1; i <= 5; i++) {
      results.add(batcher.submit(i, LONG));
    }

    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> batcher.close(LONG));
    await()
        .untilAsserted(() ->
            assertThatThrownBy(() -> batcher.submit(9, LONG))
                .isInstanceOf(DynamicBatcher.ClosedException.class));
    gate.open();
    closing.get(60, TimeUnit.SECONDS);

    assertThat(results).extracting(CompletableFuture::join).containsExactly(0, 10, 20, 30, 40, 50);
  }

  @Test
  void failsEveryRequestOfABatchWithTheHandlersError() {
    DynamicBatcher<Integer, Integer> batcher =
        start(
            settings(4, Duration.ofMillis(200), 100, 1),
            () ->
                new FunctionHandler(batch -> {
                  throw new IllegalStateException("engine exploded");
                }));

    List<CompletableFuture<Integer>> results =
        List.of(batcher.submit(1, LONG), batcher.submit(2, LONG));

    await().until(() -> results.stream().allMatch(CompletableFuture::isDone));
    assertThat(results)
        .allSatisfy(result ->
            assertThatThrownBy(result::join)
                .hasCauseInstanceOf(BatchFailed.class)
                .hasMessageContaining("engine exploded"));
  }

  @Test
  void reportsAHandlerThatCannotBeCreatedFromTheConstructor() {
    assertThatThrownBy(() ->
            new DynamicBatcher<Integer, Integer>(
                "broken",
                settings(4, Duration.ZERO, 10, 2),
                () -> {
                  throw new IllegalStateException("no natives for you");
                },
                new TestErrors(),
                deadlines,
                meters,
                Tags.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no natives for you");
    assertThat(meters.find("stratum.inference.queue.depth").gauge()).isNull();
  }

  @Test
  void recordsQueueDepthBatchSizesAndLatencyUnderTheGivenTags() {
    Gate gate = new Gate();
    DynamicBatcher<Integer, Integer> batcher =
        new DynamicBatcher<>(
            "metered",
            settings(3, Duration.ZERO, 100, 1),
            handler(gate),
            new TestErrors(),
            deadlines,
            meters,
            Tags.of("model", "fraud-mlp", "version", "3"));
    started.add(batcher);
    CompletableFuture<Integer> first = batcher.submit(0, LONG);
    gate.awaitEntered();
    List<CompletableFuture<Integer>> queued =
        List.of(batcher.submit(1, LONG), batcher.submit(2, LONG));

    assertThat(
            meters.get("stratum.inference.queue.depth").tag("model", "fraud-mlp").gauge().value())
        .isEqualTo(2);
    gate.open();
    queued.forEach(CompletableFuture::join);
    first.join();

    assertThat(meters.get("stratum.inference.batch.size").tag("version", "3").summary().count())
        .isEqualTo(2);
    assertThat(meters.get("stratum.inference.batch.size").summary().totalAmount()).isEqualTo(3);
    // the latency is recorded just after the answer is handed over
    await()
        .untilAsserted(() ->
            assertThat(
                    meters
                        .get("stratum.inference.latency")
                        .tag("model", "fraud-mlp")
                        .timer()
                        .count())
                .isEqualTo(3));
  }

  private DynamicBatcher<Integer, Integer> start(
      DynamicBatcher.Settings settings,
      Supplier<DynamicBatcher.BatchHandler<Integer, Integer>> handlers) {
    DynamicBatcher<Integer, Integer> batcher =
        new DynamicBatcher<>(
            "test", settings, handlers, new TestErrors(), deadlines, meters, Tags.empty());
    started.add(batcher);
    return batcher;
  }

  private static DynamicBatcher.Settings settings(
      int maxBatch, Duration maxDelay, int capacity, int workers) {
    return new DynamicBatcher.Settings(maxBatch, maxDelay, capacity, workers);
  }

  /** Multiplies by ten, records each batch, and waits at the gate before computing. */
  private Supplier<DynamicBatcher.BatchHandler<Integer, Integer>> handler(Gate gate) {
    return () ->
        new FunctionHandler(batch -> {
          gate.pass();
          batches.add(List.copyOf(batch));
          return batch.stream().map(i -> i * 10).toList();
        });
  }

  private record FunctionHandler(Function<List<Integer>, List<Integer>> function)
      implements DynamicBatcher.BatchHandler<Integer, Integer> {
    @Override
    public List<Integer> handle(List<Integer> batch) {
      return function.apply(batch);
    }

    @Override
    public void close() {}
  }

  /** Holds the first batch inside the handler until the test opens it. */
  private static final class Gate {
    static final Gate OPEN = new Gate();

    static {
      OPEN.open();
    }

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    void pass() {
      entered.countDown();
      try {
        if (!opened.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("gate never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void awaitEntered() {
      await().until(() -> entered.getCount() == 0);
    }

    void open() {
      opened.countDown();
    }
  }

  static final class QueueFull extends RuntimeException {
    QueueFull(int capacity) {
      super("queue full at capacity " + capacity);
    }
  }

  static final class DeadlinePassed extends RuntimeException {
    DeadlinePassed(Duration timeout) {
      super("deadline of " + timeout + " passed");
    }
  }

  static final class BatchFailed extends RuntimeException {
    BatchFailed(Throwable cause) {
      super("batch failed: " + cause.getMessage(), cause);
    }
  }

  private static final class TestErrors implements DynamicBatcher.Errors {
    @Override
    public RuntimeException queueFull(int capacity) {
      return new QueueFull(capacity);
    }

    @Override
    public RuntimeException deadlineExceeded(Duration timeout) {
      return new DeadlinePassed(timeout);
    }

    @Override
    public RuntimeException batchFailed(int batchSize, Throwable cause) {
      return new BatchFailed(cause);
    }

    @Override
    public RuntimeException closedBeforeRun() {
      return new IllegalStateException("closed before run");
    }
  }
}

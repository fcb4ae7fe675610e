package ai.stratum.finance.stream.internal;

import ai.stratum.core.events.Topic;
import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.stream.StreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring thread: polls {@code finance.transactions}, decides each batch in a Kafka transaction
 * on one of a ring of transactional producers ({@link TransactionLane}): that lane's thread sends
 * the batch's offsets while it is decided, and commits while the next batch is polled and decided
 * on the next lane. So the fixed round trips of a transaction overlap CPU work instead of adding to
 * every record's wait.
 *
 * <p>Guarantees, as with one transaction at a time:
 *
 * <ul>
 *   <li>exactly once: each batch's decisions, dead letters and input offsets commit together, and
 *       batch n+1 commits only after batch n did; if a commit fails, the later ones abort;
 *   <li>per-card order in {@code finance.decisions}: batch n+1's records are sent only once batch
 *       n's are written, so two producers never interleave them;
 *   <li>after any failure (a commit, deciding, the broker) every lane is left idle, the consumer
 *       seeks back to the committed offsets and the feature state is rebuilt from the last
 *       checkpoint plus a replay up to them; then the batch is retried after a back-off, never
 *       skipped. The same rebuild runs when partitions are assigned, after in-flight transactions
 *       ended.
 * </ul>
 */
public final class ScoringLoop implements ConsumerRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(ScoringLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final Duration FRESH_FETCH_WAIT = Duration.ofMillis(2);
  private static final Duration REPORT_INTERVAL = Duration.ofSeconds(30);
  private static final long FIRST_RETRY_MILLIS = 200;
  private static final long LONGEST_RETRY_MILLIS = 10_000;

  private final StreamSettings settings;
  private final Map<String, Object> consumerConfig;
  private final Function<String, Producer<String, byte[]>> producers;
  private final BatchScorer scorer;
  private final DecisionEngine engine;
  private final StateRecovery recovery;
  private final FeatureCheckpoints checkpoints;
  private final Clock clock;
  private final StageTimes stages = new StageTimes();
  private final ExecutorService checkpointWriter;
  private final AtomicBoolean checkpointInFlight = new AtomicBoolean();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Thread thread;
  private volatile @Nullable Consumer<String, byte[]> consumer;
  private List<TransactionLane> lanes = List.of();
  private int nextLane;
  private @Nullable TransactionLane open;
  private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);
  private boolean rewindNeeded;
  private boolean handedOffSinceRewind;
  private int rebalances;
  private int failures;
  private Instant lastCheckpoint;
  private Instant lastReport;

  /**
   * @param consumerConfig the input consumer's settings (group, read_committed, no auto commit)
   * @param producers a transactional producer (not yet initialised) for a transactional id
   */
  public ScoringLoop(
      StreamSettings settings,
      Map<String, Object> consumerConfig,
      Function<String, Producer<String, byte[]>> producers,
      TransactionReader reader,
      DecisionEngine engine,
      StateRecovery recovery,
      FeatureCheckpoints checkpoints,
      Clock clock) {
    this.settings = settings;
    this.consumerConfig = Map.copyOf(consumerConfig);
    this.producers = producers;
    this.scorer = new BatchScorer(reader, engine, settings.group(), stages);
    this.engine = engine;
    this.recovery = recovery;
    this.checkpoints = checkpoints;
    this.clock = clock;
    this.checkpointWriter =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform()
                .name("feature-checkpoints")
                .daemon()
                // compressing and writing a copy of the state must not take a core from scoring
                .priority(Thread.MIN_PRIORITY)
                .factory());
    this.thread = Thread.ofPlatform().name("finance-scoring").unstarted(this::run);
    this.lastCheckpoint = clock.instant();
    this.lastReport = lastCheckpoint;
  }

  public void start() {
    thread.start();
  }

  /** Ends the loop after the in-flight transactions commit (or abort), and waits for it. */
  public void stop() {
    stopRequested.countDown();
    Consumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  private void run() {
    try {
      if (!openLanes()) {
        return;
      }
      try (KafkaConsumer<String, byte[]> kafka =
          new KafkaConsumer<>(
              consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer = kafka;
        kafka.subscribe(List.of(Topic.FINANCE_TRANSACTIONS.topicName()), this);
        while (!stopping()) {
          cycle(kafka);
        }
        awaitLanesIdle();
      }
    } finally {
      consumer = null;
      lanes.forEach(TransactionLane::close);
      checkpointWriter.shutdown();
      try {
        checkpointWriter.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Opens every lane before consuming, so all of a killed predecessor's transactions are ended. */
  private boolean openLanes() {
    List<TransactionLane> opened = new ArrayList<>();
    while (opened.size() < settings.transactionsInFlight()) {
      try {
        opened.add(
            new TransactionLane(settings.transactionIdPrefix() + opened.size(), producers, stages));
      } catch (RuntimeException e) {
        log.warn("Transactional producer could not be opened; retrying", e);
        if (!backOff()) {
          opened.forEach(TransactionLane::close);
          return false;
        }
      }
    }
    lanes = List.copyOf(opened);
    failures = 0;
    return true;
  }

  private void cycle(KafkaConsumer<String, byte[]> kafka) {
    try {
      if (rewindNeeded) {
        if (!backOff()) {
          return;
        }
        rewind(kafka);
      }
      long pollStarted = System.nanoTime();
      ConsumerRecords<String, byte[]> records = poll(kafka);
      stages.polled(System.nanoTime() - pollStarted);
      if (chainFailed()) {
        // these records come again after the rewind
        rewindNeeded = true;
        return;
      }
      if (handedOffSinceRewind && lastCommit.isDone()) {
        failures = 0;
      }
      if (!records.isEmpty()) {
        score(kafka, records);
        if (!rewindNeeded) {
          checkpointIfDue(kafka);
        }
      }
      reportIfDue();
    } catch (WakeupException e) {
      abortOpen();
      rewindNeeded = true;
    } catch (RuntimeException e) {
      log.warn("Scoring failed; rewinding to the committed offsets and retrying", e);
      abortOpen();
      rewindNeeded = true;
    }
  }

  /**
   * A poll returns what the consumer's last fetch buffered, which is usually only what arrived in
   * the first millisecond after the previous poll, and only then fetches the rest: all that arrived
   * while the previous batch was being decided would wait a further whole cycle. A second, short
   * poll takes it into this batch. A rebalance during that poll invalidates the first records (the
   * partitions may have moved, the state was rebuilt), so the loop rewinds instead.
   */
  private ConsumerRecords<String, byte[]> poll(KafkaConsumer<String, byte[]> kafka) {
    ConsumerRecords<String, byte[]> buffered = kafka.poll(POLL_TIMEOUT);
    if (buffered.isEmpty() || buffered.count() >= settings.maxPollRecords()) {
      return buffered;
    }
    int rebalancesBefore = rebalances;
    ConsumerRecords<String, byte[]> fresh = kafka.poll(FRESH_FETCH_WAIT);
    if (rebalances != rebalancesBefore) {
      rewind(kafka);
      return ConsumerRecords.empty();
    }
    return fresh.isEmpty() ? buffered : concatenated(buffered, fresh);
  }

  private static ConsumerRecords<String, byte[]> concatenated(
      ConsumerRecords<String, byte[]> first, ConsumerRecords<String, byte[]> second) {
    Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = new HashMap<>();
    for (ConsumerRecords<String, byte[]> part : List.of(first, second)) {
      for (TopicPartition partition : part.partitions()) {
        records.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(part.records(partition));
      }
    }
    Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>(first.nextOffsets());
    nextOffsets.putAll(second.nextOffsets());
    return new ConsumerRecords<>(records, nextOffsets);
  }

  private void score(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
    TransactionLane lane = lanes.get(nextLane);
    TransactionLane previous = lanes.get((nextLane + lanes.size() - 1) % lanes.size());
    long started = System.nanoTime();
    lane.awaitIdle();
    if (chainFailed()) {
      rewindNeeded = true;
      return;
    }
    long laneFree = System.nanoTime();
    // open before begin: a producer that cannot even begin must be aborted, so it is reopened
    open = lane;
    lane.begin(records.nextOffsets(), kafka.groupMetadata());
    List<ProducerRecord<String, byte[]>> out = scorer.score(records, clock.instant());
    long decided = System.nanoTime();
    if (!lastCommit.isDone()) {
      // the previous batch's records go first: its producer may not have written them yet
      previous.flush();
    }
    long ordered = System.nanoTime();
    for (ProducerRecord<String, byte[]> record : out) {
      lane.send(record);
    }
    long sent = System.nanoTime();
    lastCommit = lane.commit(lastCommit);
    open = null;
    handedOffSinceRewind = true;
    nextLane = (nextLane + 1) % lanes.size();
    stages.batch(
        records.count(), laneFree - started, decided - laneFree, ordered - decided, sent - ordered);
  }

  private boolean chainFailed() {
    return lastCommit.isCompletedExceptionally();
  }

  private void abortOpen() {
    if (open != null) {
      open.abandon();
      open = null;
    }
  }

  /**
   * Waits {@code 200 ms x 2^(failures - 1)}, at most 10 s, unless the loop is stopped meanwhile.
   */
  private boolean backOff() {
    failures++;
    long millis = Math.min(LONGEST_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failures - 1, 16));
    try {
      return !stopRequested.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitLanesIdle() {
    lanes.forEach(TransactionLane::awaitIdle);
  }

  private void rewind(Consumer<String, byte[]> kafka) {
    log.info("Rewinding to the committed offsets and rebuilding the feature state");
    awaitLanesIdle();
    restoreCommitted(kafka);
  }

  /**
   * With every lane idle and a producer that could not abort reopened (which settles what it left),
   * the committed offsets are final: the state is rebuilt to them and the consumer resumes there.
   */
  private void restoreCommitted(Consumer<String, byte[]> kafka) {
    lanes.forEach(TransactionLane::reopenIfBroken);
    Map<TopicPartition, Long> committed = StateRecovery.committedOffsets(kafka, kafka.assignment());
    recovery.recover(committed);
    committed.forEach(kafka::seek);
    lastCommit = CompletableFuture.completedFuture(null);
    rewindNeeded = false;
    handedOffSinceRewind = false;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    rebalances++;
    // commit (or abort) what is in flight while the partitions are still ours
    awaitLanesIdle();
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    rebalances++;
    awaitLanesIdle();
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    rebalances++;
    Consumer<String, byte[]> kafka = consumer;
    if (kafka != null) {
      awaitLanesIdle();
      restoreCommitted(kafka);
    }
  }

  /**
   * Copies the state (a memory copy) with the positions after the batch just decided; it is
   * serialised and written off the scoring thread. At most one copy exists at a time, so memory
   * stays bounded when the database is slow. If that batch never commits, the snapshot's offsets
   * exceed the committed ones and recovery skips it.
   */
  private void checkpointIfDue(Consumer<String, byte[]> kafka) {
    Instant now = clock.instant();
    if (now.isBefore(lastCheckpoint.plus(settings.checkpointInterval()))) {
      return;
    }
    lastCheckpoint = now;
    if (!checkpointInFlight.compareAndSet(false, true)) {
      // the previous copy is still being written: skip rather than queue copies of the state
      return;
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : kafka.assignment()) {
      offsets.put(partition, kafka.position(partition));
    }
    FeatureEngine.Snapshot[] snapshot = new FeatureEngine.Snapshot[1];
    long copyStarted = System.nanoTime();
    engine.withFeatureState(features -> snapshot[0] = features.copyState());
    stages.stateCopy(System.nanoTime() - copyStarted);
    checkpointWriter.execute(() -> {
      try {
        checkpoints.save(settings.group(), offsets, snapshot[0], now, settings.checkpointsKept());
      } catch (RuntimeException e) {
        log.warn("Feature checkpoint could not be written; the next one will be tried", e);
      } finally {
        checkpointInFlight.set(false);
      }
    });
  }

  private void reportIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(lastReport.plus(REPORT_INTERVAL))) {
      return;
    }
    BatchScorer.Counts counts = scorer.drainCounts();
    log.info(
        "Decided {} transactions and dead-lettered {} records in the last {} s: {}",
        counts.decided(),
        counts.refused(),
        Duration.between(lastReport, now).toSeconds(),
        stages.drain());
    lastReport = now;
  }
}

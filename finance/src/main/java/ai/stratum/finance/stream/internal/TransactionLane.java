package ai.stratum.finance.stream.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer and the thread that finishes its transactions. The scoring thread
 * begins a transaction, which sends the batch's input offsets on this lane's thread at once (their
 * round trip to the group coordinator overlaps deciding the batch), and sends the batch's records;
 * {@link #commit} hands the rest (waiting for the previous batch's commit, the commit itself) to
 * this lane's thread, so the scoring thread can decide the next batch on another lane meanwhile. A
 * lane carries one transaction at a time.
 */
final class TransactionLane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TransactionLane.class);

  private static final long SLOW_COMMIT_NANOS = 100_000_000L;

  private final String transactionalId;
  private final Function<String, Producer<String, byte[]>> producers;
  private final StageTimes stages;
  private final ExecutorService committer;
  private Producer<String, byte[]> producer;
  private volatile boolean broken;
  private CompletableFuture<Void> outcome = CompletableFuture.completedFuture(null);
  private CompletableFuture<Void> offsetsSent = CompletableFuture.completedFuture(null);

  /**
   * Opens the producer; its {@code initTransactions} fences an earlier producer with the same id (a
   * killed predecessor) and aborts what that one left open.
   */
  TransactionLane(
      String transactionalId,
      Function<String, Producer<String, byte[]>> producers,
      StageTimes stages) {
    this.transactionalId = transactionalId;
    this.producers = producers;
    this.stages = stages;
    this.producer = open();
    this.committer =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("scoring-commit-" + transactionalId).daemon().factory());
  }

  private Producer<String, byte[]> open() {
    Producer<String, byte[]> opened = producers.apply(transactionalId);
    try {
      opened.initTransactions();
      return opened;
    } catch (RuntimeException e) {
      opened.close(Duration.ZERO);
      throw e;
    }
  }

  /** Waits until this lane's last transaction has ended, committed or aborted. */
  void awaitIdle() {
    try {
      outcome.join();
    } catch (CompletionException | CancellationException e) {
      // the failure reaches the scoring loop through the commit chain
    }
  }

  /**
   * Begins a transaction and sends {@code offsets} (the batch's next input positions) into it on
   * this lane's thread. The round trip (to the group coordinator, which has the partition added to
   * the transaction) took half of every commit's time when it ran after the batch was decided.
   */
  void begin(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
    producer.beginTransaction();
    long began = System.nanoTime();
    offsetsSent =
        CompletableFuture.runAsync(
            () -> {
              producer.sendOffsetsToTransaction(offsets, group);
              stages.offsetsSent(System.nanoTime() - began);
            },
            committer);
    outcome = offsetsSent;
  }

  void send(ProducerRecord<String, byte[]> record) {
    producer.send(record);
  }

  /** Blocks until everything sent so far is written (or failed). Safe while the lane commits. */
  void flush() {
    producer.flush();
  }

  /**
   * Commits the open transaction on this lane's thread, after its offsets were sent and {@code
   * previous} committed. If either failed, or anything here fails, the transaction is aborted and
   * the returned future fails: commits happen strictly in batch order.
   */
  CompletableFuture<Void> commit(CompletableFuture<Void> previous) {
    long handedOff = System.nanoTime();
    CompletableFuture<Void> offsets = offsetsSent;
    outcome =
        CompletableFuture.runAsync(
            () -> {
              try {
                // already ended: this thread sent them; rethrows their failure
                offsets.join();
                long offsetsSent = System.nanoTime();
                previous.join();
                long previousCommitted = System.nanoTime();
                producer.commitTransaction();
                long committed = System.nanoTime();
                if (committed - handedOff > SLOW_COMMIT_NANOS) {
                  log.info(
                      "Slow Kafka transaction on {}: {} ms from hand-off to committed (waiting for"
                          + " its offsets {} ms, for the previous commit {} ms, commit {} ms)",
                      transactionalId,
                      (committed - handedOff) / 1_000_000,
                      (offsetsSent - handedOff) / 1_000_000,
                      (previousCommitted - offsetsSent) / 1_000_000,
                      (committed - previousCommitted) / 1_000_000);
                }
                stages.committed(
                    offsetsSent - handedOff,
                    previousCommitted - offsetsSent,
                    committed - previousCommitted,
                    committed - handedOff);
              } catch (RuntimeException e) {
                stages.commitFailed();
                abort();
                throw e;
              }
            },
            committer);
    return outcome;
  }

  /** Aborts a transaction begun but not handed to {@link #commit}, once its offsets were sent. */
  void abandon() {
    awaitIdle();
    abort();
  }

  /** Aborts the open transaction; a producer that cannot abort is replaced at the next reset. */
  private void abort() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      log.warn(
          "Transaction on {} could not be aborted; reopening its producer", transactionalId, e);
      broken = true;
    }
  }

  /**
   * Replaces a producer that could not abort (fenced, or a commit whose outcome is unknown). The
   * new producer's {@code initTransactions} completes or aborts what the old one left, so the
   * committed offsets read afterwards are final. Only when the lane is idle.
   */
  void reopenIfBroken() {
    if (broken) {
      producer.close(Duration.ZERO);
      producer = open();
      broken = false;
    }
  }

  @Override
  public void close() {
    committer.shutdown();
    try {
      committer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}

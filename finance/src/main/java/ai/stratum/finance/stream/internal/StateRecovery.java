package ai.stratum.finance.stream.internal;

import ai.stratum.finance.contract.ReadResult;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Rebuilds the feature state so it reflects exactly the committed input: restore the newest usable
 * checkpoint, then replay (fold in without deciding) the records between its offsets and the
 * committed offsets with a separate read_committed consumer.
 */
public final class StateRecovery {

  private static final Logger log = LoggerFactory.getLogger(StateRecovery.class);

  private final FeatureCheckpoints checkpoints;
  private final ConsumerFactory<String, byte[]> replayConsumers;
  private final TransactionReader reader;
  private final DecisionEngine engine;
  private final String group;
  private final long maxReplayRecords;

  public StateRecovery(
      FeatureCheckpoints checkpoints,
      ConsumerFactory<String, byte[]> replayConsumers,
      TransactionReader reader,
      DecisionEngine engine,
      String group,
      long maxReplayRecords) {
    this.checkpoints = checkpoints;
    this.replayConsumers = replayConsumers;
    this.reader = reader;
    this.engine = engine;
    this.group = group;
    this.maxReplayRecords = maxReplayRecords;
  }

  /**
   * @param committed the committed offset (next record to decide) of every assigned partition
   */
  public void recover(Map<TopicPartition, Long> committed) {
    long started = System.nanoTime();
    Optional<FeatureCheckpoints.Checkpoint> found = checkpoints.latestUsable(group, committed);
    boolean[] restored = {false};
    engine.withFeatureState(features -> {
      features.reset();
      if (found.isPresent()) {
        try {
          features.restore(found.get().state());
          restored[0] = true;
        } catch (IOException e) {
          log.warn(
              "Feature checkpoint {} is unusable ({}); rebuilding the state by replay alone",
              found.get().id(),
              e.getMessage());
          features.reset();
        }
      }
    });
    // an unusable checkpoint's offsets say nothing about the state: replay as if there were none
    Optional<FeatureCheckpoints.Checkpoint> checkpoint = restored[0] ? found : Optional.empty();
    Map<TopicPartition, Long> from = new HashMap<>();
    committed.forEach((partition, to) -> {
      long start = checkpoint.map(c -> c.offsets().getOrDefault(partition, 0L)).orElse(0L);
      from.put(partition, Math.max(start, to - maxReplayRecords));
    });
    long replayed = replay(from, committed);
    log.info(
        "Feature state recovered from {} plus {} replayed records in {} ms",
        checkpoint.map(c -> "checkpoint " + c.id()).orElse("an empty state"),
        replayed,
        (System.nanoTime() - started) / 1_000_000);
  }

  private long replay(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    List<TopicPartition> pending = new ArrayList<>();
    from.forEach((partition, start) -> {
      if (start < to.get(partition)) {
        pending.add(partition);
      }
    });
    if (pending.isEmpty()) {
      return 0;
    }
    long replayed = 0;
    try (Consumer<String, byte[]> consumer =
        replayConsumers.createConsumer(group + "-replay", "-replay")) {
      consumer.assign(pending);
      Map<TopicPartition, Long> earliest = consumer.beginningOffsets(pending);
      for (TopicPartition partition : pending) {
        consumer.seek(partition, Math.max(from.get(partition), earliest.get(partition)));
      }
      List<Transaction> batch = new ArrayList<>();
      while (!pending.isEmpty()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        batch.clear();
        for (ConsumerRecord<String, byte[]> record : records) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < to.get(partition)
              && reader.read(record.value()) instanceof ReadResult.Accepted accepted) {
            batch.add(accepted.transaction());
          }
        }
        engine.replay(batch);
        replayed += batch.size();
        pending.removeIf(partition -> consumer.position(partition) >= to.get(partition));
        List<TopicPartition> done = new ArrayList<>(consumer.assignment());
        done.removeAll(pending);
        consumer.pause(done);
      }
    }
    return replayed;
  }

  static Map<TopicPartition, Long> committedOffsets(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> committed = new HashMap<>();
    consumer
        .committed(new java.util.HashSet<>(partitions))
        .forEach(
            (partition, offset) -> committed.put(partition, offset == null ? 0L : offset.offset()));
    for (TopicPartition partition : partitions) {
      committed.putIfAbsent(partition, 0L);
    }
    return committed;
  }
}

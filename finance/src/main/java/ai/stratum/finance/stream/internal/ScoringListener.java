package ai.stratum.finance.stream.internal;

import ai.stratum.core.events.EventHeaders;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.ReadResult;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import ai.stratum.finance.decisions.DecisionHeaders;
import ai.stratum.finance.features.FeatureEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import tools.jackson.databind.ObjectWriter;

/**
 * Decides one polled batch inside the container's Kafka transaction: refused records to the
 * dead-letter topic, decisions to {@code finance.decisions} keyed by card, offsets committed with
 * them. If the batch is delivered again (the transaction aborted), the feature state already holds
 * it, so the state is rebuilt from the last checkpoint and the committed offsets first.
 */
public final class ScoringListener
    implements BatchConsumerAwareMessageListener<String, byte[]>, ConsumerAwareRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(ScoringListener.class);
  private static final Duration REPORT_INTERVAL = Duration.ofSeconds(30);
  private static final ObjectWriter DECISION_WRITER =
      StratumJson.mapper().writerFor(Decision.class);

  private final TransactionReader reader;
  private final DecisionEngine engine;
  private final KafkaTemplate<String, byte[]> template;
  private final DeadLetters deadLetters;
  private final StateRecovery recovery;
  private final FeatureCheckpoints checkpoints;
  private final ExecutorService checkpointWriter;
  private final String group;
  private final Duration checkpointInterval;
  private final int checkpointsKept;
  private final Clock clock;
  private final Map<TopicPartition, Long> lastSeen = new HashMap<>();
  private Instant lastCheckpoint;
  private final AtomicBoolean checkpointInFlight = new AtomicBoolean();
  private Instant lastReport;
  private long decidedSinceReport;
  private long refusedSinceReport;
  private final StageTimes stages;

  public ScoringListener(
      TransactionReader reader,
      DecisionEngine engine,
      KafkaTemplate<String, byte[]> template,
      StateRecovery recovery,
      FeatureCheckpoints checkpoints,
      ExecutorService checkpointWriter,
      String group,
      Duration checkpointInterval,
      int checkpointsKept,
      Clock clock,
      StageTimes stages) {
    this.reader = reader;
    this.engine = engine;
    this.template = template;
    this.deadLetters = new DeadLetters(template);
    this.recovery = recovery;
    this.checkpoints = checkpoints;
    this.checkpointWriter = checkpointWriter;
    this.group = group;
    this.checkpointInterval = checkpointInterval;
    this.checkpointsKept = checkpointsKept;
    this.clock = clock;
    this.stages = stages;
    this.lastCheckpoint = clock.instant();
    this.lastReport = lastCheckpoint;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    recover(consumer);
  }

  @Override
  public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
    Instant receivedAt = clock.instant();
    long started = System.nanoTime();
    stages.batchStarted(started);
    if (redelivered(records)) {
      log.info("Batch delivered again after an aborted transaction; rebuilding the feature state");
      recover(consumer);
    }
    List<Transaction> accepted = new ArrayList<>(records.size());
    List<String> keys = new ArrayList<>(records.size());
    List<Long> producedAt = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      switch (reader.read(record.value())) {
        case ReadResult.Accepted ok -> {
          accepted.add(ok.transaction());
          keys.add(ok.transaction().cardId());
          producedAt.add(record.timestamp());
        }
        case ReadResult.Rejected rejected -> {
          deadLetters.reject(record, rejected);
          refusedSinceReport++;
        }
      }
    }
    rememberLastOffsets(records);
    if (!accepted.isEmpty()) {
      List<Decision> decisions = engine.decide(accepted, receivedAt);
      for (int i = 0; i < decisions.size(); i++) {
        Decision decision = decisions.get(i);
        ProducerRecord<String, byte[]> out =
            new ProducerRecord<>(
                Topic.FINANCE_DECISIONS.topicName(),
                keys.get(i),
                DECISION_WRITER.writeValueAsBytes(decision));
        out.headers()
            .add(EventHeaders.TENANT, decision.tenantId().value().getBytes(StandardCharsets.UTF_8));
        out.headers()
            .add(
                DecisionHeaders.PRODUCED_AT,
                Long.toString(producedAt.get(i)).getBytes(StandardCharsets.UTF_8));
        template.send(out);
      }
    }
    decidedSinceReport += accepted.size();
    stages.batch(records.size(), System.nanoTime() - started);
    Instant now = clock.instant();
    if (!now.isBefore(lastCheckpoint.plus(checkpointInterval))) {
      checkpoint(consumer);
    }
    if (!now.isBefore(lastReport.plus(REPORT_INTERVAL))) {
      log.info(
          "Decided {} transactions and dead-lettered {} records in the last {} s: {}",
          decidedSinceReport,
          refusedSinceReport,
          Duration.between(lastReport, now).toSeconds(),
          stages.drain());
      lastReport = now;
      decidedSinceReport = 0;
      refusedSinceReport = 0;
    }
    stages.listenerReturned();
  }

  /**
   * Whether a record at or before the last one seen comes again. A poll returns each partition's
   * records in one ascending run, so the first record of each run decides.
   */
  private boolean redelivered(List<ConsumerRecord<String, byte[]>> records) {
    ConsumerRecord<String, byte[]> previous = null;
    for (ConsumerRecord<String, byte[]> record : records) {
      if (previous == null || !samePartition(previous, record)) {
        Long seen = lastSeen.get(new TopicPartition(record.topic(), record.partition()));
        if (seen != null && record.offset() <= seen) {
          return true;
        }
      }
      previous = record;
    }
    return false;
  }

  /** The last offset of each partition's run; one map update per partition, not per record. */
  private void rememberLastOffsets(List<ConsumerRecord<String, byte[]>> records) {
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, byte[]> record = records.get(i);
      if (i + 1 == records.size() || !samePartition(record, records.get(i + 1))) {
        lastSeen.merge(
            new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
      }
    }
  }

  private static boolean samePartition(ConsumerRecord<?, ?> a, ConsumerRecord<?, ?> b) {
    return a.partition() == b.partition() && a.topic().equals(b.topic());
  }

  private void recover(Consumer<?, ?> consumer) {
    Map<TopicPartition, Long> committed =
        StateRecovery.committedOffsets(consumer, consumer.assignment());
    recovery.recover(committed);
    lastSeen.clear();
    committed.forEach((partition, offset) -> lastSeen.put(partition, offset - 1));
  }

  /**
   * Copies the state (a memory copy) with the offsets after this batch; it is serialised and
   * written off the consumer thread. At most one copy exists at a time, so memory stays bounded
   * when the database is slow. If this batch's transaction aborts, the snapshot's offsets exceed
   * the committed ones and recovery skips it.
   */
  private void checkpoint(Consumer<?, ?> consumer) {
    lastCheckpoint = clock.instant();
    if (!checkpointInFlight.compareAndSet(false, true)) {
      // the previous copy is still being written: skip rather than queue copies of the state
      return;
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      offsets.put(partition, consumer.position(partition));
    }
    FeatureEngine.Snapshot[] snapshot = new FeatureEngine.Snapshot[1];
    long copyStarted = System.nanoTime();
    engine.withFeatureState(features -> snapshot[0] = features.copyState());
    stages.stateCopy(System.nanoTime() - copyStarted);
    Instant at = lastCheckpoint;
    checkpointWriter.execute(() -> {
      try {
        checkpoints.save(group, offsets, snapshot[0], at, checkpointsKept);
      } catch (RuntimeException e) {
        log.warn("Feature checkpoint could not be written; the next one will be tried", e);
      } finally {
        checkpointInFlight.set(false);
      }
    });
  }
}

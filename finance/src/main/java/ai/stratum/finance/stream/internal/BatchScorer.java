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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.ObjectWriter;

/**
 * Turns one polled batch into the records its Kafka transaction carries: a dead letter for each
 * refused record, a decision keyed by card for each accepted one, in input order. Deciding updates
 * the feature state, so a batch is scored once unless the state is rebuilt first.
 */
final class BatchScorer {

  private static final ObjectWriter DECISION_WRITER =
      StratumJson.mapper().writerFor(Decision.class);

  private final TransactionReader reader;
  private final DecisionEngine engine;
  private final DeadLetters deadLetters;
  private final StageTimes stages;
  private long decided;
  private long refused;

  BatchScorer(TransactionReader reader, DecisionEngine engine, String group, StageTimes stages) {
    this.reader = reader;
    this.engine = engine;
    this.deadLetters = new DeadLetters(group);
    this.stages = stages;
  }

  List<ProducerRecord<String, byte[]>> score(
      ConsumerRecords<String, byte[]> records, Instant receivedAt) {
    long started = System.nanoTime();
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>(records.count());
    List<Transaction> accepted = new ArrayList<>(records.count());
    List<Long> producedAt = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      switch (reader.read(record.value())) {
        case ReadResult.Accepted ok -> {
          accepted.add(ok.transaction());
          producedAt.add(record.timestamp());
        }
        case ReadResult.Rejected rejected -> {
          out.add(deadLetters.letter(record, rejected));
          refused++;
        }
      }
    }
    if (accepted.isEmpty()) {
      return out;
    }
    long read = System.nanoTime();
    List<Decision> decisions = engine.decide(accepted, receivedAt);
    long engineDone = System.nanoTime();
    for (int i = 0; i < decisions.size(); i++) {
      Decision decision = decisions.get(i);
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              Topic.FINANCE_DECISIONS.topicName(),
              accepted.get(i).cardId(),
              DECISION_WRITER.writeValueAsBytes(decision));
      record
          .headers()
          .add(EventHeaders.TENANT, decision.tenantId().value().getBytes(StandardCharsets.UTF_8));
      record
          .headers()
          .add(
              DecisionHeaders.PRODUCED_AT,
              Long.toString(producedAt.get(i)).getBytes(StandardCharsets.UTF_8));
      out.add(record);
    }
    decided += decisions.size();
    stages.scored(read - started, engineDone - read, System.nanoTime() - engineDone);
    return out;
  }

  /** Transactions decided and records refused since the last call. */
  Counts drainCounts() {
    Counts counts = new Counts(decided, refused);
    decided = 0;
    refused = 0;
    return counts;
  }

  record Counts(long decided, long refused) {}
}

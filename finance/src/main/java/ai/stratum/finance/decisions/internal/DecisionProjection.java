package ai.stratum.finance.decisions.internal;

import ai.stratum.core.events.CommittedRecords;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Decision;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * Copies committed decisions (read_committed) from {@code finance.decisions} into the {@code
 * decision} table in batches. Offsets are committed after the insert and inserts ignore rows that
 * exist, so a redelivered batch changes nothing.
 */
public final class DecisionProjection {

  private static final Logger log = LoggerFactory.getLogger(DecisionProjection.class);

  private DecisionProjection() {}

  public static KafkaMessageListenerContainer<String, byte[]> container(
      Map<String, Object> consumerProperties, String group, JdbcTemplate jdbc) {
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return CommittedRecords.projection(
        Topic.FINANCE_DECISIONS,
        group,
        config,
        "financeDecisionProjection",
        records -> store(records, jdbc));
  }

  private static void store(List<ConsumerRecord<String, byte[]>> records, JdbcTemplate jdbc) {
    List<Object[]> rows = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        Decision decision = StratumJson.mapper().readValue(record.value(), Decision.class);
        rows.add(
            new Object[] {
              decision.transactionId(),
              decision.tenantId().value(),
              decision.score(),
              decision.decision().name(),
              decision.threshold(),
              decision.modelVersion(),
              new String(record.value(), StandardCharsets.UTF_8),
              Timestamp.from(decision.decidedAt())
            });
      } catch (RuntimeException e) {
        log.warn(
            "Skipping an unreadable decision at {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
      }
    }
    jdbc.batchUpdate(
        "insert into decision (transaction_id, tenant_id, score, outcome, threshold, model_version, document, decided_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
        rows);
  }
}

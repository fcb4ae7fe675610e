package ai.stratum.finance.cases.internal;

import ai.stratum.core.events.CommittedRecords;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Label;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/** Keeps the {@code label} table in step with {@code finance.labels}; the latest label wins. */
public final class LabelProjection {

  private static final Logger log = LoggerFactory.getLogger(LabelProjection.class);

  private LabelProjection() {}

  public static KafkaMessageListenerContainer<String, byte[]> container(
      Map<String, Object> consumerProperties, String group, JdbcTemplate jdbc) {
    return CommittedRecords.projection(
        Topic.FINANCE_LABELS,
        group,
        consumerProperties,
        "financeLabelProjection",
        records -> store(records, jdbc));
  }

  private static void store(List<ConsumerRecord<String, byte[]>> records, JdbcTemplate jdbc) {
    List<Object[]> rows = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        Label label = StratumJson.mapper().readValue(record.value(), Label.class);
        rows.add(
            new Object[] {
              label.transactionId(),
              label.tenantId().value(),
              label.fraud(),
              label.source(),
              label.pattern(),
              Timestamp.from(label.labelledAt())
            });
      } catch (RuntimeException e) {
        log.warn(
            "Skipping an unreadable label at {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
      }
    }
    jdbc.batchUpdate(
        "insert into label (transaction_id, tenant_id, fraud, source, pattern, labelled_at) values (?, ?, ?, ?, ?, ?)"
            + " on conflict (tenant_id, transaction_id) do update set fraud = excluded.fraud, source = excluded.source,"
            + " pattern = excluded.pattern, labelled_at = excluded.labelled_at",
        rows);
  }
}

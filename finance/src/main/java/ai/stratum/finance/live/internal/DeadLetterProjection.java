package ai.stratum.finance.live.internal;

import ai.stratum.core.events.CommittedRecords;
import ai.stratum.core.events.EventHeaders;
import ai.stratum.core.events.Topic;
import ai.stratum.finance.stream.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Copies committed dead letters (read_committed) from {@code finance.transactions.dlq} into the
 * {@code dead_letter} table, one row per dead letter (keyed by its partition and offset, so a
 * redelivered batch changes nothing). The tenant is the record's {@code stratum-tenant} header when
 * the producer set one; a refused record's body is never trusted for it. Records without one are
 * stored with no tenant and shown to nobody.
 */
public final class DeadLetterProjection {

  private DeadLetterProjection() {}

  public static KafkaMessageListenerContainer<String, byte[]> container(
      Map<String, Object> consumerProperties, String group, JdbcTemplate jdbc) {
    return CommittedRecords.projection(
        Topic.FINANCE_TRANSACTIONS_DLQ,
        group,
        consumerProperties,
        "financeDeadLetterProjection",
        records -> store(records, jdbc));
  }

  private static void store(List<ConsumerRecord<String, byte[]>> records, JdbcTemplate jdbc) {
    List<Object[]> rows = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      String topic = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
      byte[] partition = bytes(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
      byte[] offset = bytes(record, KafkaHeaders.DLT_ORIGINAL_OFFSET);
      String reason = text(record, DeadLetterHeaders.REASON);
      rows.add(
          new Object[] {
            record.partition(),
            record.offset(),
            text(record, EventHeaders.TENANT),
            reason == null ? "unknown" : reason,
            topic == null ? Topic.FINANCE_TRANSACTIONS.topicName() : topic,
            partition != null && partition.length == Integer.BYTES
                ? ByteBuffer.wrap(partition).getInt()
                : -1,
            offset != null && offset.length == Long.BYTES ? ByteBuffer.wrap(offset).getLong() : -1L,
            Timestamp.from(Instant.ofEpochMilli(record.timestamp()))
          });
    }
    jdbc.batchUpdate(
        "insert into dead_letter (dlq_partition, dlq_offset, tenant_id, reason, source_topic,"
            + " source_partition, source_offset, dead_lettered_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict do nothing",
        rows);
  }

  private static byte @Nullable [] bytes(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : header.value();
  }

  private static @Nullable String text(ConsumerRecord<?, ?> record, String name) {
    byte[] value = bytes(record, name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}

package ai.stratum.finance.stream.internal;

import ai.stratum.core.events.Topic;
import ai.stratum.finance.contract.ReadResult;
import ai.stratum.finance.stream.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Dead letters for {@code finance.transactions.dlq}: the refused record's key, bytes and headers,
 * Spring Kafka's {@code kafka_dlt-original-*} headers (topic, partition, offset, timestamp,
 * consumer group) so standard dead-letter tooling reads them, and Stratum's reason and detail
 * ({@link DeadLetterHeaders}). They are sent in the batch's Kafka transaction: exactly once, like
 * the decisions.
 */
final class DeadLetters {

  private final byte[] group;

  DeadLetters(String group) {
    this.group = group.getBytes(StandardCharsets.UTF_8);
  }

  ProducerRecord<String, byte[]> letter(
      ConsumerRecord<String, byte[]> record, ReadResult.Rejected rejected) {
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(
            Topic.FINANCE_TRANSACTIONS_DLQ.topicName(),
            null,
            null,
            record.key(),
            record.value(),
            record.headers());
    Headers headers = letter.headers();
    headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_PARTITION,
        ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_OFFSET,
        ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
        ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
    headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, utf8(record.timestampType().name()));
    headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, group);
    headers.add(DeadLetterHeaders.REASON, utf8(rejected.reason().code()));
    headers.add(DeadLetterHeaders.DETAIL, utf8(rejected.detail()));
    return letter;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package ai.stratum.finance.stream.internal;

import ai.stratum.core.events.Topic;
import ai.stratum.finance.contract.ReadResult;
import ai.stratum.finance.stream.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends refused records to {@code finance.transactions.dlq} with their original key and bytes, the
 * standard Spring Kafka dead-letter headers (original topic, partition, offset, exception) and
 * Stratum's {@value #REASON} and {@value #DETAIL} headers. Called on the listener thread, so the
 * dead letter is part of the batch's Kafka transaction: exactly once, like the decisions.
 */
public final class DeadLetters {

  /** The {@link ai.stratum.finance.contract.RejectionReason} code. */
  public static final String REASON = DeadLetterHeaders.REASON;

  /** A one-line explanation (never the record's field values). */
  public static final String DETAIL = DeadLetterHeaders.DETAIL;

  private final DeadLetterPublishingRecoverer recoverer;

  public DeadLetters(KafkaOperations<?, ?> template) {
    recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, exception) ->
                new TopicPartition(Topic.FINANCE_TRANSACTIONS_DLQ.topicName(), -1));
    recoverer.setHeadersFunction((record, exception) -> {
      RecordHeaders headers = new RecordHeaders();
      if (exception instanceof RejectedRecordException rejected) {
        headers.add(
            new RecordHeader(REASON, rejected.reason().code().getBytes(StandardCharsets.UTF_8)));
        headers.add(
            new RecordHeader(DETAIL, rejected.getMessage().getBytes(StandardCharsets.UTF_8)));
      }
      return headers;
    });
  }

  public void reject(ConsumerRecord<?, ?> record, ReadResult.Rejected rejected) {
    recoverer.accept(record, new RejectedRecordException(rejected.reason(), rejected.detail()));
  }
}

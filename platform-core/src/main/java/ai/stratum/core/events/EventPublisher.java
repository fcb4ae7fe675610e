package ai.stratum.core.events;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes envelopes to catalogue topics, keyed as the topic requires. Delivery is at-least-once
 * (idempotent producer, acks from all in-sync replicas): consumers de-duplicate by {@link
 * EventEnvelope#id()}. For consume-transform-produce flows that need Kafka transactions, use {@link
 * EventEnvelopeSerializer} with the service's transactional template instead; this publisher sends
 * outside any Kafka transaction.
 */
public final class EventPublisher implements AutoCloseable {

  private final KafkaTemplate<String, EventEnvelope<?>> kafka;

  private EventPublisher(KafkaTemplate<String, EventEnvelope<?>> kafka) {
    this.kafka = kafka;
  }

  /**
   * A publisher on a copy of {@code producerFactory} (keeping its connection, security and client
   * settings) with String keys and {@link EventEnvelopeSerializer} values.
   */
  @SuppressWarnings("unchecked")
  public static EventPublisher using(ProducerFactory<?, ?> producerFactory) {
    KafkaTemplate<String, EventEnvelope<?>> template =
        new KafkaTemplate<>(
            (ProducerFactory<String, EventEnvelope<?>>) producerFactory,
            Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventEnvelopeSerializer.class));
    template.setAllowNonTransactional(true);
    return new EventPublisher(template);
  }

  /**
   * Sends the envelope to {@code topic} under {@code key} (what {@link Topic#key()} names). The
   * future completes when the broker has acknowledged the record.
   */
  public CompletableFuture<RecordMetadata> publish(
      Topic topic, String key, EventEnvelope<?> envelope) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(envelope, "envelope");
    return kafka
        .send(new ProducerRecord<>(topic.topicName(), key, envelope))
        .thenApply(result -> result.getRecordMetadata());
  }

  /** Flushes and closes the producer this publisher created. */
  @Override
  public void close() {
    kafka.destroy();
  }
}

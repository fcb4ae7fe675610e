package ai.stratum.finance.cases;

import ai.stratum.core.events.EventHeaders;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Label;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes labels to {@code finance.labels} keyed by transaction id (JSON, with the tenant in a
 * header); returns once the broker has acknowledged, so an accepted label is never lost.
 */
public final class LabelIntake implements AutoCloseable {

  private static final String TYPE = "finance.label";

  private final KafkaTemplate<String, byte[]> kafka;

  public LabelIntake(ProducerFactory<?, ?> producers) {
    @SuppressWarnings("unchecked")
    ProducerFactory<String, byte[]> typed = (ProducerFactory<String, byte[]>) producers;
    kafka =
        new KafkaTemplate<>(
            typed,
            Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    kafka.setAllowNonTransactional(true);
  }

  public void publish(Label label) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            Topic.FINANCE_LABELS.topicName(),
            label.transactionId(),
            StratumJson.mapper().writeValueAsBytes(label));
    record
        .headers()
        .add(EventHeaders.TENANT, label.tenantId().value().getBytes(StandardCharsets.UTF_8));
    record.headers().add(EventHeaders.TYPE, TYPE.getBytes(StandardCharsets.UTF_8));
    try {
      kafka.send(record).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing a label", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the label could not be published to Kafka: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    kafka.destroy();
  }
}

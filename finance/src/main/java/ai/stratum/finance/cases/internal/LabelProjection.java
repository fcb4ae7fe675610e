package ai.stratum.finance.cases.internal;

import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Label;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/** Keeps the {@code label} table in step with {@code finance.labels}; the latest label wins. */
public final class LabelProjection {

  private static final Logger log = LoggerFactory.getLogger(LabelProjection.class);

  private LabelProjection() {}

  public static KafkaMessageListenerContainer<String, byte[]> container(
      Map<String, Object> consumerProperties, String group, JdbcTemplate jdbc) {
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ContainerProperties properties = new ContainerProperties(Topic.FINANCE_LABELS.topicName());
    properties.setGroupId(group);
    properties.setAckMode(ContainerProperties.AckMode.BATCH);
    properties.setMessageListener(
        (BatchMessageListener<String, byte[]>) records -> store(records, jdbc));
    KafkaMessageListenerContainer<String, byte[]> container =
        new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), properties);
    container.setBeanName("financeLabelProjection");
    return container;
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

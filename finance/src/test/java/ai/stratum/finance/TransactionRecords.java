package ai.stratum.finance;

import ai.stratum.core.events.EventHeaders;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.test.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/** Raw records for {@code finance.transactions} on the shared test broker, valid or not. */
public final class TransactionRecords {

  private TransactionRecords() {}

  public static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedInfrastructure.get().kafkaBootstrapServers()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** A record with any value, carrying the tenant header when {@code tenant} is given. */
  public static ProducerRecord<String, byte[]> record(
      String key, String value, @Nullable String tenant) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            Topic.FINANCE_TRANSACTIONS.topicName(), key, value.getBytes(StandardCharsets.UTF_8));
    if (tenant != null) {
      record.headers().add(EventHeaders.TENANT, tenant.getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  public static String json(Transaction transaction) {
    return StratumJson.mapper().writeValueAsString(transaction);
  }
}

package ai.stratum.finance;

import ai.stratum.core.events.EventHeaders;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.EntryMode;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.test.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  /**
   * A valid transaction of {@code tenant}; its account, customer and merchant follow from the card
   * and the id, and it is card-present exactly when the channel is POS.
   */
  public static Transaction transaction(
      String tenant,
      String id,
      String card,
      double amount,
      Instant time,
      Channel channel,
      EntryMode entry,
      @Nullable String device) {
    return new Transaction(
        id,
        TenantId.of(tenant),
        card,
        "acct-" + card,
        "cust-" + card,
        "m-" + (id.hashCode() & 7),
        "5732",
        "GB",
        amount,
        "GBP",
        time,
        channel,
        entry,
        device,
        device == null ? null : "185.1.2.3",
        51.5,
        -0.12,
        channel == Channel.POS);
  }

  public static String json(Transaction transaction) {
    return StratumJson.mapper().writeValueAsString(transaction);
  }
}

package ai.stratum.embedded;

import static ai.stratum.embedded.KafkaTestClients.createTopic;
import static ai.stratum.embedded.KafkaTestClients.readValues;
import static ai.stratum.embedded.KafkaTestClients.sendAcknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.stats.UniformSample;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

  @TempDir static Path sharedDirectory;
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.builder().dataDirectory(sharedDirectory.resolve("kafka")).build().start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void roundTripsRecordsBetweenPlainProducerAndConsumer() throws Exception {
    createTopic(broker.bootstrapServers(), "round-trip", 3);
    List<String> sent = IntStream.range(0, 20).mapToObj(i -> "record-" + i).toList();

    sendAcknowledged(broker.bootstrapServers(), "round-trip", sent);

    assertThat(readValues(broker.bootstrapServers(), "round-trip", sent.size(), "read_uncommitted"))
        .containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void flushesItsLogsToDiskEveryTwoSeconds() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
      Config config = admin.describeConfigs(List.of(node)).all().get().get(node);

      assertThat(config.get("log.flush.interval.ms").value()).isEqualTo("2000");
      assertThat(config.get("log.flush.scheduler.interval.ms").value()).isEqualTo("1000");
    }
  }

  @Test
  void showsReadCommittedConsumersOnlyCommittedTransactions() throws Exception {
    createTopic(broker.bootstrapServers(), "transactions", 1);
    try (KafkaProducer<String, String> producer =
        KafkaTestClients.transactionalProducer(broker.bootstrapServers())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactions", "k", "committed-1"));
      producer.send(new ProducerRecord<>("transactions", "k", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactions", "k", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactions", "k", "committed-3"));
      producer.commitTransaction();
    }

    assertThat(readValues(broker.bootstrapServers(), "transactions", 3, "read_committed"))
        .containsExactly("committed-1", "committed-2", "committed-3");
    assertThat(readValues(broker.bootstrapServers(), "transactions", 4, "read_uncommitted"))
        .containsExactly("committed-1", "committed-2", "aborted", "committed-3");
  }

  @Test
  void recordsRequestLatenciesInUniformlySampledHistograms(@TempDir Path directory)
      throws Exception {
    // a broker of its own: stopping any broker of this JVM unregisters the request metrics that
    // all of them share by name
    try (KafkaBroker measured = KafkaBroker.builder().dataDirectory(directory).build().start()) {
      createTopic(measured.bootstrapServers(), "request-metrics", 1);
      sendAcknowledged(measured.bootstrapServers(), "request-metrics", List.of("measured"));

      Histogram produceTotalTime =
          KafkaYammerMetrics.defaultRegistry().allMetrics().entrySet().stream()
              .filter(metric -> metric.getKey().getName().equals("TotalTimeMs"))
              .filter(metric -> metric.getKey().getMBeanName().endsWith("request=Produce"))
              .map(metric -> (Histogram) metric.getValue())
              .findFirst()
              .orElseThrow();

      assertThat(produceTotalTime.count()).isPositive();
      // the reservoir is the histogram's only trace of how it samples
      Field sample = Histogram.class.getDeclaredField("sample");
      sample.setAccessible(true);
      assertThat(sample.get(produceTotalTime)).isInstanceOf(UniformSample.class);
    }
  }

  @Test
  void createsNoTopicWhenAClientAsksForAnUndeclaredOne() throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {

      assertThatThrownBy(() -> producer.partitionsFor("undeclared"))
          .isInstanceOf(TimeoutException.class);
    }

    assertThat(KafkaTestClients.topics(broker.bootstrapServers())).doesNotContain("undeclared");
  }

  @Test
  void keepsRecordsAndClusterIdAcrossARestartOnTheSameDataDirectory(@TempDir Path directory)
      throws Exception {
    List<String> sent = List.of("first", "second", "third");
    String clusterId;
    try (KafkaBroker first = KafkaBroker.builder().dataDirectory(directory).build().start()) {
      clusterId = first.clusterId();
      createTopic(first.bootstrapServers(), "kept", 1);
      sendAcknowledged(first.bootstrapServers(), "kept", sent);
    }

    try (KafkaBroker second = KafkaBroker.builder().dataDirectory(directory).build().start()) {
      assertThat(second.clusterId()).isEqualTo(clusterId);
      assertThat(readValues(second.bootstrapServers(), "kept", sent.size(), "read_committed"))
          .containsExactlyElementsOf(sent);
    }
  }
}

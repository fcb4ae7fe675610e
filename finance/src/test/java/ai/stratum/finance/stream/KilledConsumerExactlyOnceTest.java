package ai.stratum.finance.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.embedded.KafkaBroker;
import ai.stratum.embedded.PostgresServer;
import ai.stratum.finance.FinanceApplication;
import ai.stratum.finance.contract.internal.ContractSchema;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills a scoring instance (a child JVM, SIGKILL) while it is deciding, starts another one in the
 * same group, and checks the committed output: every valid transaction has exactly one decision,
 * every refused record exactly one dead letter with its reason, and every decision satisfies the
 * contract. The instances use a broker and a database of their own, so no other test's consumers or
 * services take part.
 */
class KilledConsumerExactlyOnceTest {

  private static final int VALID = 12_000;
  private static final TenantId TENANT = TenantId.of("eos-bank");

  @TempDir static Path directory;
  private static KafkaBroker broker;
  private static PostgresServer postgres;

  @BeforeAll
  static void startInfrastructure() {
    broker = KafkaBroker.builder().dataDirectory(directory.resolve("kafka")).build().start();
    postgres =
        PostgresServer.builder().dataDirectory(directory.resolve("postgres")).build().start();
  }

  @AfterAll
  static void stopInfrastructure() {
    broker.close();
    postgres.close();
  }

  @Test
  void killedConsumerLeavesNoTransactionWithoutADecisionAndNoneWithTwo() throws Exception {
    String group = "eos-" + UUID.randomUUID();
    Process first = startInstance(group, "first");
    try {
      awaitTopics();
      Map<String, String> expectedRejections = produceInput();
      await().atMost(Duration.ofMinutes(2)).until(() -> committedDecisions().size() >= 1_500);

      first.destroyForcibly().waitFor();
      int decidedBeforeKill = committedDecisions().size();
      assertThat(decidedBeforeKill).as("killed mid-stream").isLessThan(VALID);

      Process second = startInstance(group, "second");
      try {
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> committedDecisions().size() >= VALID);
        List<ConsumerRecord<String, byte[]>> decisions = committedDecisions();
        Map<String, Integer> perTransaction = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : decisions) {
          JsonNode decision = StratumJson.mapper().readTree(record.value());
          assertThat(ContractSchema.decision().validate(decision))
              .as("decision %s", decision)
              .isEmpty();
          perTransaction.merge(decision.get("transactionId").asString(), 1, Integer::sum);
        }
        assertThat(perTransaction).hasSize(VALID);
        assertThat(perTransaction.values()).as("decisions per transaction").containsOnly(1);
        Map<String, Integer> lastPerCard = new HashMap<>();
        decisions.stream()
            .sorted(
                java.util.Comparator.<ConsumerRecord<String, byte[]>>comparingInt(
                        ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset))
            .forEach(record -> {
              int position =
                  sequence.get(
                      StratumJson.mapper()
                          .readTree(record.value())
                          .get("transactionId")
                          .asString());
              Integer previous = lastPerCard.put(record.key(), position);
              assertThat(previous == null || previous < position)
                  .as("order of card %s", record.key())
                  .isTrue();
            });

        List<ConsumerRecord<String, byte[]>> deadLetters =
            read("finance.transactions.dlq", "read_committed", expectedRejections.size());
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> letter : deadLetters) {
          reasons.merge(
              letter.key(), header(letter, DeadLetterHeaders.REASON), (a, b) -> a + "," + b);
          assertThat(header(letter, DeadLetterHeaders.DETAIL)).isNotBlank();
          assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo("finance.transactions");
        }
        assertThat(reasons).isEqualTo(expectedRejections);
      } finally {
        second.destroyForcibly().waitFor();
      }
    } finally {
      first.destroyForcibly().waitFor();
    }
  }

  /** Input position of each valid transaction, to check that decisions keep each card's order. */
  private final Map<String, Integer> sequence = new HashMap<>();

  private Map<String, String> produceInput() throws Exception {
    Map<String, String> rejections = new HashMap<>();
    TransactionSimulator simulator =
        new TransactionSimulator(
            new SimulatorSettings(
                99, List.of(TENANT), 2_000, 200, Instant.parse("2026-02-02T00:00:00Z"), 20, 2_000));
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < VALID; i++) {
        var tx = simulator.next().transaction();
        sequence.put(tx.transactionId(), i);
        producer.send(
            new ProducerRecord<>(
                "finance.transactions", tx.cardId(), StratumJson.mapper().writeValueAsBytes(tx)));
        if (i % 1_000 == 500) {
          String n = Integer.toString(i);
          send(
              producer,
              "bad-json-" + n,
              "{\"transactionId\": \"x\",",
              rejections,
              "malformed-json");
          send(
              producer,
              "bad-schema-" + n,
              "{\"transactionId\":\"x\",\"amount\":-1}",
              rejections,
              "schema-violation");
          send(
              producer,
              "oversized-" + n,
              "{\"pad\":\"" + "x".repeat(20_000) + "\"}",
              rejections,
              "oversized");
        }
      }
      producer.flush();
    }
    return rejections;
  }

  private static void send(
      KafkaProducer<String, byte[]> producer,
      String key,
      String value,
      Map<String, String> expected,
      String reason) {
    producer.send(
        new ProducerRecord<>("finance.transactions", key, value.getBytes(StandardCharsets.UTF_8)));
    expected.put(key, reason);
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  private List<ConsumerRecord<String, byte[]>> committedDecisions() {
    return read("finance.decisions", "read_committed", -1);
  }

  /** Everything in the topic now (or at least {@code atLeast} records when positive). */
  private List<ConsumerRecord<String, byte[]>> read(String topic, String isolation, int atLeast) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        if (atEnd && records.size() >= atLeast) {
          break;
        }
      }
      return records;
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static void awaitTopics() {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> {
          try (var admin =
              org.apache.kafka.clients.admin.Admin.create(
                  Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Set<String> names = new HashSet<>(admin.listTopics().names().get());
            return names.containsAll(
                List.of("finance.transactions", "finance.decisions", "finance.transactions.dlq"));
          }
        });
  }

  private static Process startInstance(String group, String name) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-Xmx768m",
            "-cp",
            System.getProperty("java.class.path"),
            FinanceApplication.class.getName(),
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--stratum.core.inference.hot-swap.enabled=false",
            // the survivor takes the killed instance's partitions once its session expires
            "--spring.kafka.consumer.properties.session.timeout.ms=10000",
            "--stratum.finance.stream.group=" + group,
            "--stratum.finance.stream.transaction-id-prefix=" + group + "-",
            "--stratum.finance.stream.max-poll-records=200",
            "--stratum.finance.stream.checkpoint-interval=1s",
            "--stratum.finance.features.cards=4096",
            "--stratum.finance.features.accounts=4096",
            "--stratum.finance.features.merchants=1024",
            "--stratum.finance.features.devices=4096");
    File log = Path.of("target", "killed-consumer-" + name + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }
}

package ai.stratum.finance.stream;

import static ai.stratum.finance.TransactionRecords.json;
import static ai.stratum.finance.TransactionRecords.producer;
import static ai.stratum.finance.TransactionRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.FinanceServiceTest;
import ai.stratum.finance.TransactionRecords;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.EntryMode;
import ai.stratum.test.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failures while several of the stream's transactions are in flight (one deciding, others
 * committing): a transaction's commit that fails mid-pipeline and a rebalance must still leave
 * every transaction with exactly one committed decision, in each card's order. The failures are
 * real: another producer takes the stream's transactional ids (fencing its producers, which aborts
 * their open transactions), or another consumer joins the stream's group.
 */
@FinanceServiceTest
class PipelinedTransactionsTest {

  private static final int BACKLOG = 1_000;
  private static final int CARDS = 40;

  @Autowired private StreamSettings settings;

  private final String tenant = "pipe-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Integer> sequence = new ConcurrentHashMap<>();
  private int total;
  private final List<ConsumerRecord<String, byte[]>> decisions = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> perTransaction = new ConcurrentHashMap<>();
  private final AtomicBoolean reading = new AtomicBoolean(true);
  private Thread reader;

  @BeforeEach
  void readCommittedDecisions() {
    KafkaConsumer<String, byte[]> consumer = consumer("read_committed", null);
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topic.FINANCE_DECISIONS.topicName()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    reader =
        Thread.ofPlatform()
            .name("decision-reader")
            .start(() -> {
              try (consumer) {
                while (reading.get()) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(100))) {
                    String id =
                        StratumJson.mapper()
                            .readTree(record.value())
                            .get("transactionId")
                            .asString();
                    if (id.startsWith(tenant)) {
                      decisions.add(record);
                      perTransaction.merge(id, 1, Integer::sum);
                    }
                  }
                }
              }
            });
  }

  @AfterEach
  void stopReading() throws InterruptedException {
    reading.set(false);
    reader.join();
  }

  @Test
  void commitsFailingMidPipelineLoseNoDecisionAndDuplicateNone() throws Exception {
    try (Feeder feeder = new Feeder()) {
      await().atMost(Duration.ofMinutes(1)).until(() -> perTransaction.size() >= 500);

      // a producer with the stream's transactional id bumps its epoch: the stream's open
      // transactions on that id abort, and its next commit or abort on it fails
      for (int lane = 0; lane < settings.transactionsInFlight(); lane++) {
        try (KafkaProducer<String, byte[]> fencer = fencer(settings.transactionIdPrefix() + lane)) {
          fencer.initTransactions();
        }
      }
      awaitProgressBeyond(feeder.produced());
    }
    assertEveryTransactionDecidedOnceInCardOrder();
  }

  @Test
  void rebalanceWithTransactionsInFlightLosesNoDecisionAndDuplicatesNone() throws Exception {
    try (Feeder feeder = new Feeder()) {
      await().atMost(Duration.ofMinutes(1)).until(() -> perTransaction.size() >= 500);

      try (KafkaConsumer<String, byte[]> intruder = consumer("read_committed", settings.group())) {
        intruder.subscribe(List.of(Topic.FINANCE_TRANSACTIONS.topicName()));
        await()
            .atMost(Duration.ofMinutes(1))
            .until(() -> {
              intruder.poll(Duration.ofMillis(100));
              return !intruder.assignment().isEmpty();
            });
      }
      awaitProgressBeyond(feeder.produced());
    }
    assertEveryTransactionDecidedOnceInCardOrder();
  }

  /** The stream decides input sent after the failure: it recovered while input kept coming. */
  private void awaitProgressBeyond(int produced) {
    await().atMost(Duration.ofMinutes(2)).until(() -> perTransaction.size() >= produced + 500);
  }

  /**
   * Sends transactions until closed, keeping at most {@value #BACKLOG} undecided ones ahead of the
   * stream, so it is busy (transactions in flight) whenever a failure is injected.
   */
  private final class Feeder implements AutoCloseable {

    private static final int CHUNK = 100;
    private final AtomicBoolean feeding = new AtomicBoolean(true);
    private final AtomicInteger produced = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    Feeder() {
      thread =
          Thread.ofPlatform()
              .name("transaction-feeder")
              .start(() -> {
                Instant start = Instant.now();
                try (KafkaProducer<String, byte[]> producer = producer()) {
                  while (feeding.get()) {
                    int first = produced.get();
                    for (int i = first; i < first + CHUNK; i++) {
                      producer.send(transaction(i, start));
                    }
                    producer.flush();
                    produced.addAndGet(CHUNK);
                    await()
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> produced.get() - perTransaction.size() < BACKLOG);
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
    }

    int produced() {
      return produced.get();
    }

    @Override
    public void close() throws InterruptedException {
      feeding.set(false);
      thread.join();
      assertThat(failure.get()).as("feeder").isNull();
      total = produced.get();
    }
  }

  private ProducerRecord<String, byte[]> transaction(int i, Instant start) {
    String id = tenant + "-" + i;
    String card = tenant + "-card-" + (i % CARDS);
    sequence.put(id, i);
    return record(
        card,
        json(
            TransactionRecords.transaction(
                tenant,
                id,
                card,
                10 + i % 90,
                start.plusMillis(i),
                Channel.ECOM,
                EntryMode.MANUAL,
                "dev-" + card)),
        null);
  }

  private void assertEveryTransactionDecidedOnceInCardOrder() {
    await().atMost(Duration.ofMinutes(2)).until(() -> perTransaction.size() >= total);
    assertThat(perTransaction).hasSize(total);
    assertThat(perTransaction.values()).as("decisions per transaction").containsOnly(1);
    Map<String, Integer> lastPerCard = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : decisions) {
      int position =
          sequence.get(
              StratumJson.mapper().readTree(record.value()).get("transactionId").asString());
      Integer previous = lastPerCard.put(record.key(), position);
      assertThat(previous == null || previous < position)
          .as("order of card %s", record.key())
          .isTrue();
    }
  }

  private static KafkaProducer<String, byte[]> fencer(String transactionalId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedInfrastructure.get().kafkaBootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(String isolation, String group) {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        SharedInfrastructure.get().kafkaBootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}

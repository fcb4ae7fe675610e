package ai.stratum.finance.simulator;

import ai.stratum.core.events.EventHeaders;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Label;
import ai.stratum.finance.contract.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./stratum demo finance}: plays a bank. Publishes a simulated card stream with injected
 * fraud to {@code finance.transactions} at a steady rate, publishes the ground truth to {@code
 * finance.labels} after a delay (like chargebacks), and prints what the service decided every five
 * seconds. Event times are simulated time starting now; the simulation runs faster than the wall
 * clock, so windows and velocities stay those of a real population.
 *
 * <p>Options: {@code --bootstrap-servers host:port} (default localhost:9092), {@code --rate
 * tx-per-second} (200), {@code --tenant id} (demo-bank), {@code --seconds n} (run time; 0 = until
 * stopped), {@code --label-delay seconds} (30), {@code --seed n} (random).
 */
public final class FinanceDemo {

  private FinanceDemo() {}

  public static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    String servers = option(options, "--bootstrap-servers", "localhost:9092");
    int rate = Integer.parseInt(option(options, "--rate", "200"));
    long seconds = Long.parseLong(option(options, "--seconds", "0"));
    Duration labelDelay =
        Duration.ofSeconds(Long.parseLong(option(options, "--label-delay", "30")));
    TenantId tenant = TenantId.of(option(options, "--tenant", "demo-bank"));
    long seed = Long.parseLong(option(options, "--seed", Long.toString(System.nanoTime())));
    TransactionSimulator simulator =
        new TransactionSimulator(
            new SimulatorSettings(seed, List.of(tenant), 20_000, 2_000, Instant.now(), 3.0, 400));
    AtomicBoolean running = new AtomicBoolean(true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> running.set(false)));
    AtomicLongArray outcomes = new AtomicLongArray(3);
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name("demo-decisions")
            .start(() -> readDecisions(servers, outcomes, running));
    System.out.printf(
        "Publishing %d transactions/s for tenant %s to %s (seed %d)%n",
        rate, tenant, servers, seed);

    ArrayDeque<Object[]> pendingLabels = new ArrayDeque<>();
    SplittableRandom random = new SplittableRandom(seed);
    long sent = 0;
    long frauds = 0;
    long start = System.nanoTime();
    long nextReport = start + 5_000_000_000L;
    try (KafkaProducer<String, byte[]> producer = producer(servers)) {
      while (running.get()
          && (seconds == 0 || System.nanoTime() - start < seconds * 1_000_000_000L)) {
        long due = start + sent * 1_000_000_000L / rate;
        while (System.nanoTime() < due) {
          Thread.sleep(0, 200_000);
        }
        SimulatedTransaction next = simulator.next();
        Transaction tx = next.transaction();
        producer.send(
            new ProducerRecord<>(
                Topic.FINANCE_TRANSACTIONS.topicName(),
                tx.cardId(),
                StratumJson.mapper().writeValueAsBytes(tx)));
        sent++;
        if (next.isFraud() || random.nextDouble() < 0.01) {
          frauds += next.isFraud() ? 1 : 0;
          Label label =
              new Label(
                  tx.transactionId(),
                  tenant,
                  next.isFraud(),
                  next.isFraud() ? "chargeback" : "customer-confirmed",
                  Instant.now().plus(labelDelay),
                  next.isFraud() ? next.fraud().name() : null);
          pendingLabels.add(new Object[] {System.nanoTime() + labelDelay.toNanos(), label});
        }
        while (!pendingLabels.isEmpty() && (long) pendingLabels.peek()[0] <= System.nanoTime()) {
          Label label = (Label) pendingLabels.poll()[1];
          ProducerRecord<String, byte[]> record =
              new ProducerRecord<>(
                  Topic.FINANCE_LABELS.topicName(),
                  label.transactionId(),
                  StratumJson.mapper().writeValueAsBytes(label));
          record
              .headers()
              .add(EventHeaders.TENANT, tenant.value().getBytes(StandardCharsets.UTF_8));
          producer.send(record);
        }
        if (System.nanoTime() >= nextReport) {
          nextReport += 5_000_000_000L;
          System.out.printf(
              "sent %,d (%,d fraud) | decided APPROVE %,d REVIEW %,d DECLINE %,d%n",
              sent, frauds, outcomes.get(0), outcomes.get(1), outcomes.get(2));
        }
      }
    }
    running.set(false);
    reader.join(5_000);
  }

  private static void readDecisions(
      String servers, AtomicLongArray outcomes, AtomicBoolean running) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "finance-demo-" + System.nanoTime(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "latest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topic.FINANCE_DECISIONS.topicName()));
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          JsonNode decision = StratumJson.mapper().readTree(record.value());
          String outcome = decision.path("decision").asString();
          outcomes.incrementAndGet(
              switch (outcome) {
                case "REVIEW" -> 1;
                case "DECLINE" -> 2;
                default -> 0;
              });
          if (!"APPROVE".equals(outcome)) {
            System.out.printf(
                "  %s %s score %.3f reasons %s%n",
                outcome,
                decision.path("transactionId").asString(),
                decision.path("score").asDouble(),
                decision.path("reasons").findValuesAsString("code"));
          }
        }
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer(String servers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.LINGER_MS_CONFIG, 5),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static String option(List<String> options, String name, String fallback) {
    int index = options.indexOf(name);
    return index >= 0 && index + 1 < options.size() ? options.get(index + 1) : fallback;
  }
}

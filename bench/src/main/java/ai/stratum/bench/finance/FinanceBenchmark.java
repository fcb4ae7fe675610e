package ai.stratum.bench.finance;

import ai.stratum.core.inference.runtime.DevicePreference;
import ai.stratum.core.inference.runtime.DeviceSelector;
import ai.stratum.core.inference.runtime.PyTorchRuntime;
import ai.stratum.core.inference.runtime.XGBoostRuntime;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.service.StratumApplication;
import ai.stratum.embedded.KafkaBroker;
import ai.stratum.embedded.PostgresServer;
import ai.stratum.finance.FinanceApplication;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.features.FeatureSettings;
import ai.stratum.finance.scoring.QualityMetrics;
import ai.stratum.finance.scoring.RiskModel;
import ai.stratum.finance.scoring.RiskModels;
import ai.stratum.finance.simulator.SimulatedTransaction;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The finance scoring stream on this machine with the broker beside it: model quality on a held-out
 * simulated week, raw Kafka pass-through (transactional consume and produce, no work) as the
 * ceiling, sustained throughput of the real service draining a backlog, and produce-to-decision
 * latency at half the target load.
 */
public final class FinanceBenchmark {

  public static final String OPTIONS =
      """
      finance options:
        --transactions N   backlog drained for the throughput runs (default 500000)
        --rate R           transactions/s of the latency run (default 8000: half the 16,000 target)
        --seconds S        length of the latency run (default 30)
        --skip-quality     leave out the held-out week evaluation
        --no-projection    run the service without copying decisions into PostgreSQL
      """;

  private static final String GROUP = "finance-scoring";
  private static final String INPUT = "finance.transactions";
  private static final String OUTPUT = "finance.decisions";
  private static final Instant SIMULATED_START = Instant.parse("2026-06-01T00:00:00Z");

  private FinanceBenchmark() {}

  public static void run(List<String> arguments, PrintStream out) throws Exception {
    int transactions = intOption(arguments, "--transactions", 500_000);
    int rate = intOption(arguments, "--rate", 8_000);
    int seconds = intOption(arguments, "--seconds", 30);
    out.printf(
        "Finance benchmark on %d cores (broker, PostgreSQL and service in this JVM)%n",
        Runtime.getRuntime().availableProcessors());
    if (!arguments.contains("--skip-quality")) {
      quality(out);
    }
    Path data = Files.createTempDirectory("stratum-bench-finance");
    try (PostgresServer postgres =
            PostgresServer.builder().dataDirectory(data.resolve("postgres")).build().start();
        KafkaBroker kafka =
            KafkaBroker.builder().dataDirectory(data.resolve("kafka")).build().start()) {
      String servers = kafka.bootstrapServers();
      createTopics(servers);
      TransactionSimulator simulator =
          new TransactionSimulator(SimulatorSettings.standard(4242, SIMULATED_START));
      out.printf("Producing a backlog of %,d transactions...%n", transactions);
      produceBacklog(servers, simulator, transactions);

      double ceiling = passThrough(servers, transactions);
      out.printf(
          "Raw Kafka pass-through (transactional consume+produce, no work): %,.0f tx/s%n", ceiling);

      ConfigurableApplicationContext service =
          startService(postgres, servers, !arguments.contains("--no-projection"));
      try {
        double throughput = drain(servers, transactions);
        out.printf(
            "Scoring stream, sustained (backlog drained): %,.0f tx/s = %.0f%% of the pass-through ceiling; target 16,000%n",
            throughput, 100 * throughput / ceiling);
        latency(servers, simulator, rate, seconds, out);
      } finally {
        service.close();
      }
    }
  }

  private static void quality(PrintStream out) throws Exception {
    // a different seed from training: cards, merchants and fraud never seen by the models
    SimulatorSettings settings = SimulatorSettings.standard(777, SIMULATED_START);
    try (ModelServer server =
        new ModelServer(
            List.of(new PyTorchRuntime(1), new XGBoostRuntime(1)),
            DeviceSelector.detect().select(DevicePreference.CPU),
            new SimpleMeterRegistry(),
            Duration.ofSeconds(10))) {
      Path models = Files.createTempDirectory("finance-models");
      RiskModel model =
          RiskModels.deployFromClasspath(
              server,
              models,
              new BatchingSettings(
                  512,
                  Duration.ofMillis(1),
                  65_536,
                  1,
                  Duration.ofSeconds(60),
                  Duration.ofSeconds(1)),
              Duration.ofSeconds(60));
      FeatureEngine features =
          new FeatureEngine(
              new FeatureSettings(32_768, 32_768, 4_096, 65_536), model.bundle().riskTables());
      TransactionSimulator simulator = new TransactionSimulator(settings);
      long warmupEnd = SIMULATED_START.plus(Duration.ofDays(7)).toEpochMilli();
      long end = SIMULATED_START.plus(Duration.ofDays(14)).toEpochMilli();
      int chunk = 8_192;
      float[] rows = new float[chunk * FeatureEngine.SIZE];
      double[] chunkScores = new double[chunk];
      double[] scores = new double[1 << 20];
      boolean[] fraud = new boolean[1 << 20];
      int n = 0;
      int pending = 0;
      boolean[] pendingFraud = new boolean[chunk];
      while (true) {
        SimulatedTransaction next = simulator.next();
        long time = next.transaction().timestamp().toEpochMilli();
        if (time >= end) {
          break;
        }
        if (time < warmupEnd) {
          features.observe(next.transaction());
          continue;
        }
        features.computeAndObserve(next.transaction(), rows, pending * FeatureEngine.SIZE);
        pendingFraud[pending++] = next.isFraud();
        if (pending == chunk) {
          n = flush(model, rows, pending, chunkScores, pendingFraud, scores, fraud, n);
          pending = 0;
        }
      }
      n = flush(model, rows, pending, chunkScores, pendingFraud, scores, fraud, n);
      QualityMetrics metrics = QualityMetrics.of(scores, fraud, n, 0.005);
      out.printf(
          "Model quality on a held-out simulated week (seed 777, after a week of warm-up): PR-AUC %.4f, recall at 0.5%% alert rate %.4f (precision %.4f), ROC-AUC %.4f, %,d transactions, %,d fraud%n",
          metrics.prAuc(),
          metrics.recallAtAlertRate(),
          metrics.precisionAtAlertRate(),
          metrics.rocAuc(),
          metrics.transactions(),
          metrics.frauds());
    }
  }

  private static int flush(
      RiskModel model,
      float[] rows,
      int pending,
      double[] chunkScores,
      boolean[] pendingFraud,
      double[] scores,
      boolean[] fraud,
      int n) {
    if (pending == 0) {
      return n;
    }
    model.score(rows, pending, chunkScores);
    System.arraycopy(chunkScores, 0, scores, n, pending);
    System.arraycopy(pendingFraud, 0, fraud, n, pending);
    return n + pending;
  }

  private static void createTopics(String servers) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(INPUT, 6, (short) 1), new NewTopic(OUTPUT, 6, (short) 1),
                  new NewTopic("finance.transactions.dlq", 1, (short) 1),
                      new NewTopic("finance.labels", 3, (short) 1),
                  new NewTopic("platform.models", 1, (short) 1),
                      new NewTopic("bench.passthrough", 6, (short) 1)))
          .all()
          .get();
    }
  }

  private static void produceBacklog(String servers, TransactionSimulator simulator, int count) {
    try (KafkaProducer<String, byte[]> producer = producer(servers, 20)) {
      for (int i = 0; i < count; i++) {
        Transaction tx = simulator.next().transaction();
        producer.send(
            new ProducerRecord<>(INPUT, tx.cardId(), StratumJson.mapper().writeValueAsBytes(tx)));
      }
      producer.flush();
    }
  }

  /**
   * Transactional read-process-write with no processing: what Kafka alone allows on this machine.
   */
  private static double passThrough(String servers, int count) {
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-passthrough");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (KafkaConsumer<String, byte[]> consumer = consumer(servers, "bench-passthrough", 1000);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                producerConfig, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      consumer.subscribe(List.of(INPUT));
      long copied = 0;
      long started = 0;
      while (copied < count) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        if (started == 0) {
          started = System.nanoTime();
        }
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
          producer.send(new ProducerRecord<>("bench.passthrough", record.key(), record.value()));
          offsets.put(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        copied += records.count();
      }
      return copied / ((System.nanoTime() - started) / 1e9);
    }
  }

  private static ConfigurableApplicationContext startService(
      PostgresServer postgres, String servers, boolean projection) {
    return StratumApplication.run(
        FinanceApplication.class,
        "--server.port=0",
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + postgres.username(),
        "--spring.datasource.password=" + postgres.password(),
        "--spring.kafka.bootstrap-servers=" + servers,
        "--stratum.finance.features.cards=32768",
        "--stratum.finance.features.accounts=32768",
        "--stratum.finance.features.merchants=4096",
        "--stratum.finance.features.devices=65536",
        "--stratum.finance.decisions.projection=" + projection,
        "--logging.level.root=WARN");
  }

  /** Committed input offsets of the scoring group over time: records decided and committed. */
  private static double drain(String servers, int count) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
      long first = 0;
      long firstAt = 0;
      while (true) {
        long committed =
            admin
                .listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get()
                .values()
                .stream()
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
        long now = System.nanoTime();
        if (committed > 0 && firstAt == 0) {
          first = committed;
          firstAt = now;
        }
        if (committed >= count) {
          return (committed - first) / ((now - firstAt) / 1e9);
        }
        Thread.sleep(100);
      }
    }
  }

  private static void latency(
      String servers, TransactionSimulator simulator, int rate, int seconds, PrintStream out)
      throws Exception {
    int total = rate * seconds;
    Map<String, Long> sentAt = new ConcurrentHashMap<>(total * 2);
    long[] latencies = new long[total];
    int[] received = {0};
    AtomicBoolean done = new AtomicBoolean();
    List<byte[]> payloads = new ArrayList<>(total);
    List<String> keys = new ArrayList<>(total);
    List<String> ids = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      Transaction tx = simulator.next().transaction();
      payloads.add(StratumJson.mapper().writeValueAsBytes(tx));
      keys.add(tx.cardId());
      ids.add(tx.transactionId());
    }
    Thread reader =
        Thread.ofPlatform()
            .name("decision-reader")
            .start(() -> {
              try (KafkaConsumer<String, byte[]> consumer =
                  consumer(servers, "bench-latency", 5000)) {
                consumer.subscribe(List.of(OUTPUT));
                while (!done.get()) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    Long sent = sentAt.remove(transactionId(record.value()));
                    if (sent != null && received[0] < total) {
                      latencies[received[0]++] = now - sent;
                    }
                  }
                }
              }
            });
    Thread.sleep(3_000);
    try (KafkaProducer<String, byte[]> producer = producer(servers, 0)) {
      long start = System.nanoTime();
      long interval = 1_000_000_000L / rate;
      for (int i = 0; i < total; i++) {
        long due = start + i * interval;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        sentAt.put(ids.get(i), System.nanoTime());
        producer.send(new ProducerRecord<>(INPUT, keys.get(i), payloads.get(i)));
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (received[0] < total && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    done.set(true);
    reader.join();
    int n = received[0];
    // the first seconds warm the JIT and the batcher up; report the steady state
    int skip = Math.min(n / 10, rate * 5);
    long[] steady = Arrays.copyOfRange(latencies, skip, n);
    Arrays.sort(steady);
    out.printf(
        "Produce-to-decision latency at %,d tx/s for %d s (%,d decisions, first %,d skipped as warm-up): p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms; target p99 <= 20 ms%n",
        rate,
        seconds,
        n,
        skip,
        percentile(steady, 0.5),
        percentile(steady, 0.99),
        percentile(steady, 0.999),
        steady.length == 0 ? Double.NaN : steady[steady.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))]
        / 1e6;
  }

  private static String transactionId(byte[] decision) {
    String json = new String(decision, 0, Math.min(decision.length, 200), StandardCharsets.UTF_8);
    int start = json.indexOf("\"transactionId\":\"") + 17;
    return json.substring(start, json.indexOf('"', start));
  }

  private static KafkaProducer<String, byte[]> producer(String servers, int lingerMs) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(String servers, String group, int maxPoll) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        group.equals("bench-latency") ? "latest" : "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPoll);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static int intOption(List<String> arguments, String name, int fallback) {
    int index = arguments.indexOf(name);
    return index >= 0 && index + 1 < arguments.size()
        ? Integer.parseInt(arguments.get(index + 1))
        : fallback;
  }
}

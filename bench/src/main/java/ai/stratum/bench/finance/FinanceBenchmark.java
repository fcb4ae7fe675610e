package ai.stratum.bench.finance;

import static ai.stratum.bench.BenchSupport.deleteRecursively;
import static ai.stratum.bench.BenchSupport.intOption;
import static ai.stratum.bench.BenchSupport.serviceArguments;

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
import ai.stratum.finance.stream.ScoringStream;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
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
        --warm-up S        sent at the same rate before the latency run, not measured (default 40)
        --skip-quality     leave out the held-out week evaluation
        --no-projection    run the service without copying decisions into PostgreSQL
        --stratum.*=V      any service setting, e.g. --stratum.finance.stream.max-poll-records=2000
        --spring.kafka.*=V the service's Kafka client settings
        --logging.*=V      log levels, e.g. --logging.level.org.apache.kafka.clients=DEBUG
      """;

  private static final String GROUP = "finance-scoring";
  private static final String PROJECTION_GROUP = "finance-decision-store";
  private static final String INPUT = "finance.transactions";
  private static final String OUTPUT = "finance.decisions";
  private static final Instant SIMULATED_START = Instant.parse("2026-06-01T00:00:00Z");

  /**
   * The load generator sends what fell due in the last 2 ms in one go, like a bank's gateway
   * batching for a moment (Kafka 4 producers linger 5 ms by default). Waking for every transaction
   * (8,000 times a second) and sending a request per millisecond cost the shared cores 0.3 of one:
   * p99 43-65 ms with 1 ms, 30 ms with 2 ms ticks. The wait counts in the latency.
   */
  private static final long SEND_TICK_NANOS = 2_000_000;

  private FinanceBenchmark() {}

  public static void run(List<String> arguments, PrintStream out) throws Exception {
    int transactions = intOption(arguments, "--transactions", 500_000);
    int rate = intOption(arguments, "--rate", 8_000);
    int seconds = intOption(arguments, "--seconds", 30);
    int warmUp = intOption(arguments, "--warm-up", 40);
    out.printf(
        "Finance benchmark on %d cores (broker and service in this JVM, PostgreSQL beside it at"
            + " nice 19; heap %,d MB on %s, %s; load average %s)%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        heapPages(),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList(),
        loadAverage());
    if (!arguments.contains("--skip-quality")) {
      quality(out);
    }
    Path data = Files.createTempDirectory("stratum-bench-finance");
    try {
      runStream(data, arguments, transactions, rate, seconds, warmUp, out);
    } finally {
      deleteRecursively(data);
    }
  }

  private static void runStream(
      Path data,
      List<String> arguments,
      int transactions,
      int rate,
      int seconds,
      int warmUp,
      PrintStream out)
      throws Exception {
    // PostgreSQL would have a host of its own in production; here it shares the two cores with the
    // broker and the stream, and its work (projection, checkpoints) can wait where theirs cannot:
    // p99 at 8,000 tx/s 35-40 ms at nice 19 against 44-49 ms at nice 0 in paired runs
    try (PostgresServer postgres =
            PostgresServer.builder()
                .dataDirectory(data.resolve("postgres"))
                .lowestCpuPriority(true)
                .build()
                .start();
        KafkaBroker kafka =
            KafkaBroker.builder().dataDirectory(data.resolve("kafka")).build().start()) {
      String servers = kafka.bootstrapServers();
      createTopics(servers);
      TransactionSimulator simulator =
          new TransactionSimulator(SimulatorSettings.standard(4242, SIMULATED_START));
      out.printf("Producing a backlog of %,d transactions...%n", transactions);
      produceBacklog(servers, simulator, transactions);

      Rate passThrough = passThrough(servers, transactions);
      double ceiling = passThrough.perSecond();
      out.printf(
          "Raw Kafka pass-through (transactional consume+produce, no work, the stream's Kafka settings): %,.0f tx/s, JVM CPU %.1f us/tx (load average %s)%n",
          ceiling, passThrough.cpuMicros(), loadAverage());

      boolean projection = !arguments.contains("--no-projection");
      List<String> overrides =
          arguments.stream()
              .filter(argument ->
                  argument.startsWith("--stratum.") || argument.startsWith("--logging."))
              .toList();
      ConfigurableApplicationContext service =
          startService(postgres, kafka, data.resolve("storage"), projection, overrides);
      try {
        Drain drained = drain(servers, transactions);
        out.printf(
            "Scoring stream, sustained (last 80%% of the backlog): %,.0f tx/s = %.0f%% of the pass-through ceiling; target 16,000; JVM CPU %.1f us/tx (whole backlog incl. JIT warm-up: %,.0f tx/s; load average %s)%n",
            drained.sustained().perSecond(),
            100 * drained.sustained().perSecond() / ceiling,
            drained.sustained().cpuMicros(),
            drained.whole(),
            loadAverage());
        if (projection) {
          awaitProjection(servers, out);
        }
        out.printf("Load average before the latency run: %s%n", loadAverage());
        latency(servers, simulator, rate, seconds, warmUp, out);
      } finally {
        service.close();
      }
    }
  }

  /**
   * Waits until the service has copied every decision of the drained backlog into PostgreSQL, so
   * the latency run measures the steady state at its rate rather than the tail of the backlog.
   */
  private static void awaitProjection(String servers, PrintStream out) throws Exception {
    long started = System.nanoTime();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
      while (true) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < 6; partition++) {
          latest.put(new TopicPartition(OUTPUT, partition), OffsetSpec.latest());
        }
        long end =
            admin
                .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
        long projected = committed(admin, PROJECTION_GROUP);
        long behind = end - projected;
        double waited = (System.nanoTime() - started) / 1e9;
        if (behind <= 6 || waited > 180) {
          out.printf(
              "Decision projection into PostgreSQL caught up %.1f s after the drain (%,d behind)%n",
              waited, Math.max(0, behind));
          return;
        }
        Thread.sleep(200);
      }
    }
  }

  private static long committed(Admin admin, String group) throws Exception {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get()
        .values()
        .stream()
        .filter(Objects::nonNull)
        .mapToLong(OffsetAndMetadata::offset)
        .sum();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
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

  /**
   * Huge pages took 3-5 ms off p99 here, so the header says whether the heap got them (the JVM
   * turns the option off when the kernel does not offer them).
   */
  private static String heapPages() {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return Boolean.parseBoolean(hotspot.getVMOption("UseTransparentHugePages").getValue())
        ? "transparent huge pages"
        : "the kernel's default pages";
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
      awaitLeaders(admin, List.of(INPUT, OUTPUT, "bench.passthrough"));
    }
  }

  /**
   * Producing the moment a topic exists can meet partitions whose leader the broker has not taken
   * up yet; the idempotent producer's retry of such a first batch then ran into out-of-order
   * sequence errors for good. A leader in the metadata is not enough: the broker publishes it
   * before its replica manager takes the leadership up, and the backlog's producer stuck that way
   * once more. So every partition must answer for its end offset, which only a leader does.
   */
  private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
          topic
              .partitions()
              .forEach(partition ->
                  ends.put(
                      new TopicPartition(topic.name(), partition.partition()),
                      OffsetSpec.latest()));
        }
        admin
            .listOffsets(ends)
            .all()
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
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
  private static Rate passThrough(String servers, int count) {
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-passthrough");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, ScoringStream.BATCH_LINGER_MS);
    producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, ScoringStream.BATCH_BYTES);
    producerConfig.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, ScoringStream.RETRY_BACKOFF_MS);
    try (KafkaConsumer<String, byte[]> consumer = consumer(servers, "bench-passthrough", 1000);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                producerConfig, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      consumer.subscribe(List.of(INPUT));
      long copied = 0;
      long started = 0;
      long cpuAtStart = 0;
      while (copied < count) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        if (started == 0) {
          started = System.nanoTime();
          cpuAtStart = processCpuNanos();
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
      return new Rate(
          copied / ((System.nanoTime() - started) / 1e9),
          (processCpuNanos() - cpuAtStart) / 1e3 / copied);
    }
  }

  /**
   * CPU time of this whole JVM (broker, service, clients) so far. Per transaction, it tells how
   * much work a transaction costs however busy the machine is with other processes.
   */
  private static long compilationMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * @param perSecond transactions per second
   * @param cpuMicros JVM CPU time per transaction, in microseconds
   */
  private record Rate(double perSecond, double cpuMicros) {}

  private static ConfigurableApplicationContext startService(
      PostgresServer postgres,
      KafkaBroker kafka,
      Path storage,
      boolean projection,
      List<String> overrides) {
    List<String> arguments = new ArrayList<>(serviceArguments(postgres, kafka, storage));
    arguments.addAll(
        List.of(
            "--stratum.finance.features.cards=32768",
            "--stratum.finance.features.accounts=32768",
            "--stratum.finance.features.merchants=4096",
            "--stratum.finance.features.devices=65536",
            "--stratum.finance.decisions.projection=" + projection,
            // the stream's 30-second report: batches, slowest decide, commit and state copy
            "--logging.level.ai.stratum.finance.stream.internal.ScoringLoop=INFO",
            // when each checkpoint was written, to set beside the latency timeline
            "--logging.level.ai.stratum.finance.stream.internal.FeatureCheckpoints=INFO"));
    arguments.addAll(overrides);
    return StratumApplication.run(FinanceApplication.class, arguments.toArray(String[]::new));
  }

  /**
   * Committed input offsets of the scoring group over time: records decided and committed. The
   * first fifth of the backlog is drained while the JIT is still compiling the service (the
   * compiler alone takes a fair share of two cores then), so the sustained rate is taken over the
   * rest; the whole drain's rate is printed beside it.
   */
  private static Drain drain(String servers, int count) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
      long firstAt = 0;
      long first = 0;
      long warmAt = 0;
      long warm = 0;
      long warmCpu = 0;
      while (true) {
        long committed = committed(admin, GROUP);
        long now = System.nanoTime();
        if (committed > 0 && firstAt == 0) {
          first = committed;
          firstAt = now;
        }
        if (committed >= count / 5 && warmAt == 0) {
          warm = committed;
          warmAt = now;
          warmCpu = processCpuNanos();
        }
        if (committed >= count) {
          return new Drain(
              new Rate(
                  (committed - warm) / ((now - warmAt) / 1e9),
                  (processCpuNanos() - warmCpu) / 1e3 / (committed - warm)),
              (committed - first) / ((now - firstAt) / 1e9));
        }
        Thread.sleep(50);
      }
    }
  }

  private record Drain(Rate sustained, double whole) {}

  /**
   * Open-loop load at a fixed rate. Each transaction's latency counts from when it was due to be
   * sent, not from when the producer got round to it, so a stall anywhere (including in this load
   * generator) shows up in the figures instead of silently lowering the offered rate. The generator
   * parks between sends: spinning would take one of the machine's two cores from the service.
   */
  private static void latency(
      String servers,
      TransactionSimulator simulator,
      int rate,
      int seconds,
      int warmUp,
      PrintStream out)
      throws Exception {
    // the first seconds at this rate compile the broker's and clients' small-request paths
    // (the backlog came in large batches): C2 alone took half a core then, so they are sent
    // but not measured; after 20 s the compilers still took 2.5-12 s of the 30 measured, after
    // 40 s 2-4 s
    int skip = rate * warmUp;
    int total = skip + rate * seconds;
    List<byte[]> payloads = new ArrayList<>(total);
    List<String> keys = new ArrayList<>(total);
    Map<String, Integer> sequence = new HashMap<>(total * 2);
    for (int i = 0; i < total; i++) {
      Transaction tx = simulator.next().transaction();
      payloads.add(StratumJson.mapper().writeValueAsBytes(tx));
      keys.add(tx.cardId());
      sequence.put(tx.transactionId(), i);
    }
    // these ~300 MB live through the run: a generational collector that found them young copied
    // them between its survivor spaces for the first minute, in pauses of 48-114 ms; a full
    // collection now moves them to the old generation once, before anything is measured
    System.gc();
    long interval = 1_000_000_000L / rate;
    long[] receivedAt = new long[total];
    long[] sentAt = new long[total];
    StreamTimes stream = new StreamTimes(total);
    AtomicLong start = new AtomicLong();
    AtomicInteger received = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch subscribed = new CountDownLatch(1);
    Thread reader =
        Thread.ofPlatform()
            .name("decision-reader")
            .start(() -> {
              try (KafkaConsumer<String, byte[]> consumer =
                  consumer(servers, "bench-latency", 5000)) {
                // assigned, not subscribed: in a consumer group the reader's client paused its
                // fetches for ~210 ms after some heartbeats, 0-9 times per run, and every
                // decision of that moment counted as 210 ms late
                List<TopicPartition> partitions = new ArrayList<>();
                for (int partition = 0; partition < 6; partition++) {
                  partitions.add(new TopicPartition(OUTPUT, partition));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                // resolve the "latest" positions now, before anything is sent
                partitions.forEach(consumer::position);
                subscribed.countDown();
                while (!done.get()) {
                  ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(20));
                  for (ConsumerRecord<String, byte[]> record : records) {
                    long now = System.nanoTime();
                    Integer index = sequence.get(DecisionFields.transactionId(record.value()));
                    if (index == null) {
                      continue;
                    }
                    if (receivedAt[index] != 0) {
                      duplicates.incrementAndGet();
                    } else {
                      receivedAt[index] = now;
                      stream.record(index, record.value());
                      received.incrementAndGet();
                    }
                  }
                }
              }
            });
    subscribed.await();
    GcCycles gcCycles = GcCycles.record();
    // one request per tick (see SEND_TICK_NANOS), sent as soon as it is formed. With no linger,
    // the producer's thread sent a tick's first records while the rest were still being added:
    // ~1.5 requests per tick, each also completing a fetch of the stream's. So the producer
    // lingers and each tick flushes it; a flush slower than a tick delays the next one, which the
    // latency counts.
    long compilingAtStart = 0;
    long cpuAtStart = 0;
    ResourceUse resources = null;
    try (KafkaProducer<String, byte[]> producer = producer(servers, 1000)) {
      long begin = System.nanoTime();
      start.set(begin);
      int next = 0;
      while (next < total) {
        long now = System.nanoTime();
        if (next >= skip && cpuAtStart == 0) {
          compilingAtStart = compilationMillis();
          cpuAtStart = processCpuNanos();
          resources = ResourceUse.start();
        }
        int first = next;
        while (next < total && begin + next * interval <= now) {
          producer.send(new ProducerRecord<>(INPUT, keys.get(next), payloads.get(next)));
          sentAt[next] = System.nanoTime();
          next++;
        }
        if (next > first) {
          producer.flush();
        }
        if (next < total) {
          long due = begin + next * interval;
          LockSupport.parkNanos(Math.max(due, now + SEND_TICK_NANOS) - System.nanoTime());
        }
      }
    }
    long compiling = compilationMillis() - compilingAtStart;
    double cpuCores = (processCpuNanos() - cpuAtStart) / 1e9 / seconds;
    ResourceUse.Spent spent = resources == null ? null : resources.stop(seconds);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (received.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    done.set(true);
    reader.join();
    // report the steady state after the warm-up, in send order
    long[] steady = new long[total - skip];
    int n = 0;
    int missing = 0;
    for (int i = skip; i < total; i++) {
      if (receivedAt[i] == 0) {
        missing++;
      } else {
        steady[n++] = receivedAt[i] - (start.get() + i * interval);
      }
    }
    steady = Arrays.copyOf(steady, n);
    Arrays.sort(steady);
    out.printf(
        "Produce-to-decision latency at %,d tx/s for %d s (%,d decisions, the first %,d of them sent as warm-up and not counted; latency from each transaction's scheduled send time): p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms; target p99 <= 20 ms%s%n",
        rate,
        seconds,
        received.get(),
        skip,
        percentile(steady, 0.5),
        percentile(steady, 0.99),
        percentile(steady, 0.999),
        n == 0 ? Double.NaN : steady[n - 1] / 1e6,
        missing + duplicates.get() == 0
            ? ""
            : String.format(" (%d without a decision, %d duplicates)", missing, duplicates.get()));
    out.printf(
        "During the measured run this JVM used %.2f of the %d cores (%.1f us per transaction); the"
            + " JIT compilers ran %,d ms; load average %s%n",
        cpuCores,
        Runtime.getRuntime().availableProcessors(),
        cpuCores * 1e6 / rate,
        compiling,
        loadAverage());
    if (spent != null) {
      spent.print(out);
    }
    SentAndRead run =
        new SentAndRead(
            start.get(),
            interval,
            skip,
            total,
            sentAt,
            receivedAt,
            Instant.now().toEpochMilli() * 1_000_000L - System.nanoTime());
    stream.printSegments(run, out);
    timeline(run, stream, gcCycles.stop(), out);
  }

  /** A collector cycle or pause, in epoch milliseconds. */
  private record GcCycle(String collector, long startMillis, long endMillis) {}

  /**
   * The collector's cycles and pauses as the JVM reports them when they end: a pause stops every
   * thread, and on two cores even a concurrent collector's threads take CPU from the scoring
   * thread, the broker and PostgreSQL.
   */
  private static final class GcCycles implements NotificationListener {

    private final List<GcCycle> cycles = java.util.Collections.synchronizedList(new ArrayList<>());
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

    static GcCycles record() {
      GcCycles recorder = new GcCycles();
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) collector).addNotificationListener(recorder, null, null);
      }
      return recorder;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
      if (!notification
          .getType()
          .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      cycles.add(
          new GcCycle(
              info.getGcName(),
              jvmStart + info.getGcInfo().getStartTime(),
              jvmStart + info.getGcInfo().getEndTime()));
    }

    List<GcCycle> stop() {
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        try {
          ((NotificationEmitter) collector).removeNotificationListener(this);
        } catch (ListenerNotFoundException e) {
          // never added to this one
        }
      }
      return List.copyOf(cycles);
    }
  }

  /**
   * The measured run: transaction {@code i} was due at {@code begin + i * interval} (nanoTime),
   * sent at {@code sentAt[i]} and read at {@code receivedAt[i]} (0 if never); the first {@code
   * skip} were warm-up; {@code wallOffset} turns a nanoTime into epoch nanoseconds.
   */
  private record SentAndRead(
      long begin,
      long interval,
      int skip,
      int total,
      long[] sentAt,
      long[] receivedAt,
      long wallOffset) {

    long due(int transaction) {
      return begin + transaction * interval;
    }

    long epochMillis(long nanoTime) {
      return (nanoTime + wallOffset) / 1_000_000;
    }
  }

  private static final long TIMELINE_WINDOW_NANOS = 250_000_000L;
  private static final double TARGET_P99_MILLIS = 20;

  /**
   * The latency run window by window (by scheduled send time), so a p99 set by a few stalls shows
   * when they happened, to set beside the service's log, a GC log or a flight recording. Each
   * window's send lag is how late the load generator itself sent (it counts in the latency).
   */
  private static void timeline(
      SentAndRead run, StreamTimes stream, List<GcCycle> gcCycles, PrintStream out) {
    int perWindow = (int) Math.max(1, TIMELINE_WINDOW_NANOS / run.interval());
    List<String> bad = new ArrayList<>();
    int windows = 0;
    int badDuringGc = 0;
    int goodDuringGc = 0;
    for (int from = run.skip(); from < run.total(); from += perWindow) {
      int to = Math.min(run.total(), from + perWindow);
      long[] latencies = new long[to - from];
      int n = 0;
      long sendLag = 0;
      int slowest = -1;
      for (int i = from; i < to; i++) {
        long due = run.due(i);
        sendLag = Math.max(sendLag, run.sentAt()[i] - due);
        if (run.receivedAt()[i] != 0) {
          latencies[n++] = run.receivedAt()[i] - due;
          if (slowest < 0
              || run.receivedAt()[i] - due > run.receivedAt()[slowest] - (run.due(slowest))) {
            slowest = i;
          }
        }
      }
      latencies = Arrays.copyOf(latencies, n);
      Arrays.sort(latencies);
      windows++;
      double p99 = percentile(latencies, 0.99);
      long windowStart = run.epochMillis(run.due(from));
      long windowEnd = windowStart + TIMELINE_WINDOW_NANOS / 1_000_000;
      // a collection still running, or ended within the last half second, at this window
      String collector =
          gcCycles.stream()
              .filter(cycle -> cycle.startMillis() < windowEnd)
              .filter(cycle -> cycle.endMillis() + 500 > windowStart)
              .map(GcCycle::collector)
              .distinct()
              .collect(java.util.stream.Collectors.joining(", "));
      if (p99 > TARGET_P99_MILLIS) {
        if (!collector.isEmpty()) {
          badDuringGc++;
        }
        bad.add(
            String.format(
                "  %s  p50 %6.1f  p99 %6.1f  max %6.1f ms  send lag %5.1f ms  %s  %s",
                Instant.ofEpochMilli(windowStart),
                percentile(latencies, 0.5),
                p99,
                n == 0 ? Double.NaN : latencies[n - 1] / 1e6,
                sendLag / 1e6,
                slowest < 0
                    ? ""
                    : stream.split(
                        slowest,
                        run.epochMillis(run.due(slowest)),
                        run.epochMillis(run.receivedAt()[slowest])),
                collector));
      } else if (!collector.isEmpty()) {
        goodDuringGc++;
      }
    }
    out.printf(
        "Latency timeline: %d of %d windows of %d ms had p99 > %.0f ms, %d of them at a collector"
            + " cycle (running or ended < 0.5 s before; %d windows at a cycle were within the"
            + " target); %d collector cycles/pauses in the run (window start, UTC):%n",
        bad.size(),
        windows,
        TIMELINE_WINDOW_NANOS / 1_000_000,
        TARGET_P99_MILLIS,
        badDuringGc,
        goodDuringGc,
        gcCycles.size());
    bad.forEach(out::println);
  }

  /**
   * When the stream picked each transaction up and decided it (epoch milliseconds, from the
   * decision), to tell where a slow transaction spent its time.
   */
  private static final class StreamTimes {

    private final long[] pickedUp;
    private final long[] decided;

    StreamTimes(int transactions) {
      pickedUp = new long[transactions];
      decided = new long[transactions];
    }

    void record(int index, byte[] decision) {
      pickedUp[index] = DecisionFields.receivedAtMillis(decision);
      decided[index] = DecisionFields.decidedAtMillis(decision);
    }

    /**
     * Where the measured transactions spent their time, segment by segment, so a change can be
     * aimed at the segment that sets the tail. The stream's instants have millisecond resolution.
     */
    void printSegments(SentAndRead run, PrintStream out) {
      long[][] segments = new long[4][run.total() - run.skip()];
      int n = 0;
      for (int i = run.skip(); i < run.total(); i++) {
        if (run.receivedAt()[i] == 0) {
          continue;
        }
        long due = run.due(i);
        long sentMillis = run.epochMillis(run.sentAt()[i]);
        long readMillis = run.epochMillis(run.receivedAt()[i]);
        segments[0][n] = run.sentAt()[i] - due;
        segments[1][n] = (pickedUp[i] - sentMillis) * 1_000_000;
        segments[2][n] = (decided[i] - pickedUp[i]) * 1_000_000;
        segments[3][n] = (readMillis - decided[i]) * 1_000_000;
        n++;
      }
      StringBuilder line =
          new StringBuilder("Where the time went, p50 / p99 ms (each segment on its own):");
      String[] names = {
        "due to sent", "sent to picked up by the stream", "deciding", "decided to read"
      };
      for (int s = 0; s < segments.length; s++) {
        long[] sorted = Arrays.copyOf(segments[s], n);
        Arrays.sort(sorted);
        line.append(
            String.format(
                " %s %.1f / %.1f;", names[s], percentile(sorted, 0.5), percentile(sorted, 0.99)));
      }
      out.println(line);
    }

    /** The transaction's time until the stream read it, deciding, and until it could be read. */
    String split(int index, long dueMillis, long readMillis) {
      return String.format(
          "(slowest: %d ms to the stream, %d deciding, %d to commit and read)",
          pickedUp[index] - dueMillis,
          decided[index] - pickedUp[index],
          readMillis - decided[index]);
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))]
        / 1e6;
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
    // a read_committed fetch returns as soon as a commit makes records readable; a short wait
    // only added empty fetches, requests the broker serves on the cores under test
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    // the stream's own consumer setting: fixed 64 KB buffers stalled readers for ~210 ms now and
    // then
    config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, ScoringStream.SOCKET_BUFFER_BYTES);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}

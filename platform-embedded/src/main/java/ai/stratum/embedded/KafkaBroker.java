package ai.stratum.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft process acting as broker and controller.
 *
 * <p>The log directory is formatted on the first start and reused afterwards (same cluster id, same
 * records). Settings fit one node: internal topics have one replica, transactions work
 * (exactly-once pipelines), and topics are never created implicitly, so services declare theirs.
 * The PLAINTEXT listener is on {@code 127.0.0.1}; the controller listener takes a free port on
 * every start.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String META_PROPERTIES = "meta.properties";

  private final Path dataDirectory;
  private final int requestedPort;
  private final String portSetting;
  private final boolean stopOnJvmExit;
  private @Nullable KafkaRaftServer server;
  private int port;
  private @Nullable String clusterId;
  private @Nullable Thread shutdownHook;

  private KafkaBroker(Builder builder) {
    this.dataDirectory = builder.requiredDataDirectory();
    this.requestedPort = builder.port;
    this.portSetting = builder.portSetting;
    this.stopOnJvmExit = builder.stopOnJvmExit;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where a {@link KafkaBroker} keeps its logs and which port it listens on. */
  public static final class Builder extends ServerBuilder<Builder> {

    private Builder() {
      super("--kafka-port");
    }

    public KafkaBroker build() {
      return new KafkaBroker(this);
    }
  }

  /**
   * Formats the log directory if it is new, then starts the broker and waits until it accepts
   * clients; does nothing if it runs already.
   *
   * @throws InfrastructureStartException if the port is taken, the directory is not writable or in
   *     use by another broker, or the broker fails to come up
   */
  public synchronized KafkaBroker start() {
    if (server != null) {
      return this;
    }
    Path logDirectory = DataDirectories.prepare(dataDirectory, "Kafka");
    int brokerPort = Ports.resolve(requestedPort, "Kafka", portSetting);
    int controllerPort = Ports.free();
    KafkaRaftServer starting;
    String cluster;
    RequestHistograms.registerUniform();
    try {
      KafkaConfig config =
          new KafkaConfig(settings(logDirectory, brokerPort, controllerPort), false);
      cluster = formatIfNew(logDirectory);
      starting = new KafkaRaftServer(config, Time.SYSTEM);
    } catch (InfrastructureStartException e) {
      throw e;
    } catch (Exception e) {
      throw new InfrastructureStartException(
          "Kafka could not use data directory %s: %s"
              .formatted(logDirectory, InfrastructureStartException.oneLine(e)),
          e);
    }
    try {
      starting.startup();
    } catch (RuntimeException e) {
      stop(starting);
      throw new InfrastructureStartException(
          "Kafka failed to start on port %d with data directory %s: %s"
              .formatted(brokerPort, logDirectory, InfrastructureStartException.oneLine(e)),
          e);
    }
    server = starting;
    port = brokerPort;
    clusterId = cluster;
    if (stopOnJvmExit) {
      shutdownHook = new Thread(this::close, "kafka-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    log.info(
        "Kafka ready at {} (cluster {}, data in {})", bootstrapServers(), cluster, logDirectory);
    return this;
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
  public synchronized String bootstrapServers() {
    return HOST + ":" + port();
  }

  public synchronized int port() {
    running();
    return port;
  }

  /** The id the log directory was formatted with; it stays the same across restarts. */
  public synchronized String clusterId() {
    running();
    return Objects.requireNonNull(clusterId);
  }

  /** Shuts the broker down cleanly (logs flushed, no recovery on the next start); idempotent. */
  @Override
  public synchronized void close() {
    KafkaRaftServer running = server;
    if (running == null) {
      return;
    }
    server = null;
    stop(running);
    removeShutdownHook();
  }

  private void running() {
    if (server == null) {
      throw new IllegalStateException("Kafka is not running; call start() first");
    }
  }

  private static Map<String, String> settings(
      Path logDirectory, int brokerPort, int controllerPort) {
    Map<String, String> settings = new HashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", Integer.toString(NODE_ID));
    settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    settings.put("controller.listener.names", CONTROLLER_LISTENER);
    settings.put(
        "listeners",
        "PLAINTEXT://%s:%d,%s://%s:%d"
            .formatted(HOST, brokerPort, CONTROLLER_LISTENER, HOST, controllerPort));
    settings.put("advertised.listeners", "PLAINTEXT://%s:%d".formatted(HOST, brokerPort));
    settings.put("inter.broker.listener.name", "PLAINTEXT");
    settings.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    settings.put("log.dirs", logDirectory.toString());
    settings.put("auto.create.topics.enable", "false");
    settings.put("num.partitions", "1");
    settings.put("default.replication.factor", "1");
    settings.put("min.insync.replicas", "1");
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("group.initial.rebalance.delay.ms", "0");
    // One node serves a handful of clients: fewer internal partitions and threads start faster
    // and keep memory modest (the cleaner's dedupe buffer defaults to 128 MB of heap).
    settings.put("offsets.topic.num.partitions", "5");
    settings.put("transaction.state.log.num.partitions", "5");
    // sized by the operating system rather than Kafka's fixed 100 KB, as the finance stream's
    // clients
    // are: fixed small socket buffers went with fetch stalls of ~210 ms now and then
    settings.put("socket.send.buffer.bytes", "-1");
    settings.put("socket.receive.buffer.bytes", "-1");
    settings.put("num.network.threads", "2");
    settings.put("num.io.threads", "4");
    settings.put("background.threads", "4");
    settings.put("num.recovery.threads.per.data.dir", "2");
    settings.put("log.cleaner.threads", "1");
    settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    // Each log is flushed to disk every 2 s rather than left to the kernel, which writes a file's
    // dirty pages back once they are 30 s old: at 8,000 decisions/s that was 100-350 MB in 200-300
    // ms every few seconds, and during those bursts every thread on this machine stalled (finance
    // benchmark: p999 42-90 ms -> 31 ms, max 52-112 -> 36-41 ms). A one-node broker has no replica
    // to recover from either, so its logs reach the disk within 2 s instead of 30.
    settings.put("log.flush.interval.ms", "2000");
    settings.put("log.flush.scheduler.interval.ms", "1000");
    return settings;
  }

  /** Formats a new log directory and returns its cluster id, or reads the id of a formatted one. */
  private static String formatIfNew(Path logDirectory) throws Exception {
    Path metaProperties = logDirectory.resolve(META_PROPERTIES);
    if (Files.exists(metaProperties)) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(metaProperties)) {
        properties.load(in);
      }
      String existing = properties.getProperty("cluster.id");
      if (existing == null) {
        throw new IOException(metaProperties + " has no cluster.id");
      }
      return existing;
    }
    String newClusterId = Uuid.randomUuid().toString();
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(newClusterId)
        .setControllerListenerName(CONTROLLER_LISTENER)
        .addDirectory(logDirectory.toString())
        .setMetadataLogDirectory(logDirectory.toString())
        .run();
    log.info("Formatted Kafka log directory {} for cluster {}", logDirectory, newClusterId);
    return newClusterId;
  }

  private static void stop(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Kafka did not shut down cleanly: {}", e.toString());
    }
  }

  private void removeShutdownHook() {
    Thread hook = shutdownHook;
    shutdownHook = null;
    if (hook == null || hook == Thread.currentThread()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and will run (or is running) the hook; close() is
      // idempotent.
    }
  }
}

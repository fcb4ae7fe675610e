package ai.stratum.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./stratum run}'s main class as its own process, as a user would, and kills it with
 * SIGKILL: what was committed to PostgreSQL and acknowledged by Kafka must be there after the next
 * start.
 */
class StandaloneCrashRecoveryTest {

  private static final Pattern JDBC = Pattern.compile("(jdbc:postgresql://\\S+)");
  private static final Pattern KAFKA = Pattern.compile("Kafka\\s+(\\S+) \\(KRaft");
  private static final Pattern SERVICE =
      Pattern.compile("^\\s+(\\S+)\\s+http://localhost:(\\d+)\\s");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dataDir;
  private final List<Process> launched = new ArrayList<>();

  /**
   * Stops launches gracefully (SIGTERM runs the shutdown hook), so no PostgreSQL outlives the test.
   */
  @AfterEach
  void stopLaunched() throws InterruptedException {
    for (Process process : launched) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void keepsCommittedRowsAndAcknowledgedRecordsAfterSigkill() throws Exception {
    Running first = launch();
    first.everyServiceReportsUp();
    first.psqlReachesPostgres();
    try (Connection db = DriverManager.getConnection(first.jdbcUrl, "postgres", "postgres")) {
      db.createStatement().execute("create table crash_probe (id int primary key, note text)");
      db.createStatement().execute("insert into crash_probe values (1, 'committed before kill')");
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", first.kafka))) {
      admin.createTopics(List.of(new NewTopic("crash.probe", 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer = producer(first.kafka)) {
      for (int i = 0; i < 100; i++) {
        producer.send(new ProducerRecord<>("crash.probe", "k" + i, "acknowledged-" + i)).get();
      }
    }

    first.process.destroyForcibly().waitFor();

    Running second = launch();
    second.everyServiceReportsUp();
    try (Connection db = DriverManager.getConnection(second.jdbcUrl, "postgres", "postgres");
        ResultSet rows = db.createStatement().executeQuery("select note from crash_probe")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("committed before kill");
    }
    assertThat(readAll(second.kafka, "crash.probe")).hasSize(100).contains("acknowledged-99");
  }

  private Running launch() throws IOException {
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx1500m",
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneLauncher.class.getName(),
                "--data-dir",
                dataDir.toString(),
                "--postgres-port",
                "0",
                "--kafka-port",
                "0",
                "--dimse-port",
                "0",
                "--demo-studies",
                "0",
                "--gateway-port",
                "0",
                "--medical-port",
                "0",
                "--finance-port",
                "0",
                "--continual-learning-port",
                "0",
                "--privacy-port",
                "0")
            .redirectErrorStream(true)
            .start();
    launched.add(process);
    List<String> output = new CopyOnWriteArrayList<>();
    Thread.ofVirtual()
        .start(() -> {
          try (BufferedReader lines =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
          } catch (IOException closed) {
            // the process ended; what it printed is in output
          }
        });
    await()
        .atMost(Duration.ofSeconds(150))
        .failFast("launcher exited: " + output, () -> !process.isAlive())
        .until(() -> output.stream().anyMatch(line -> line.startsWith("Press Ctrl-C")));
    return Running.from(process, output);
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(config);
  }

  private static List<String> readAll(String bootstrap, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-probe-reader");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
              values.add(record.value());
            }
            return values.size() >= 100;
          });
    }
    return values;
  }

  private record Running(
      Process process, String jdbcUrl, String kafka, Map<String, Integer> ports) {

    static Running from(Process process, List<String> output) {
      String jdbc = null;
      String kafka = null;
      Map<String, Integer> ports = new java.util.LinkedHashMap<>();
      for (String line : output) {
        Matcher service = SERVICE.matcher(line);
        if (service.find()) {
          ports.put(service.group(1), Integer.parseInt(service.group(2)));
        }
        Matcher jdbcMatch = JDBC.matcher(line);
        if (jdbcMatch.find()) {
          jdbc = jdbcMatch.group(1);
        }
        Matcher kafkaMatch = KAFKA.matcher(line);
        if (kafkaMatch.find()) {
          kafka = kafkaMatch.group(1);
        }
      }
      assertThat(ports).as("printed service ports").containsOnlyKeys(ServiceCatalogue.names());
      assertThat(jdbc).as("printed PostgreSQL URL").isNotNull();
      assertThat(kafka).as("printed Kafka bootstrap").isNotNull();
      return new Running(process, jdbc, kafka, ports);
    }

    void everyServiceReportsUp() throws IOException, InterruptedException {
      for (Map.Entry<String, Integer> service : ports.entrySet()) {
        HttpResponse<String> health =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + service.getValue()
                                + "/actuator/health/readiness"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).as(service.getKey()).contains("\"status\":\"UP\"");
      }
    }

    void psqlReachesPostgres() throws IOException, InterruptedException, SQLException {
      Path psql = Path.of("/usr/bin/psql");
      if (!Files.isExecutable(psql)) {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
          assertThat(db.isValid(5)).isTrue();
        }
        return;
      }
      URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
      Process client =
          new ProcessBuilder(
                  psql.toString(),
                  "-h",
                  uri.getHost(),
                  "-p",
                  String.valueOf(uri.getPort()),
                  "-U",
                  "postgres",
                  "-tAc",
                  "select current_setting('server_version_num')",
                  "stratum")
              .redirectErrorStream(true)
              .start();
      String answer = new String(client.getInputStream().readAllBytes()).strip();
      assertThat(client.waitFor()).as(answer).isZero();
      assertThat(Integer.parseInt(answer))
          .as("PostgreSQL major version")
          .isGreaterThanOrEqualTo(180000);
    }
  }
}

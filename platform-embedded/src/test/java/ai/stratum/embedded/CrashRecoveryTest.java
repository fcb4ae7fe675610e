package ai.stratum.embedded;

import static ai.stratum.embedded.KafkaTestClients.createTopic;
import static ai.stratum.embedded.KafkaTestClients.readValues;
import static ai.stratum.embedded.KafkaTestClients.sendAcknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link EmbeddedInfrastructureMain} in child JVMs to prove what a real crash or a normal stop
 * of the JVM does to the data.
 */
class CrashRecoveryTest {

  private static final Pattern READY = Pattern.compile("READY postgres=(\\S+) kafka=(\\S+)");

  @TempDir Path dataDirectory;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopEverythingStarted() throws Exception {
    for (Process child : children) {
      child.destroy();
      child.waitFor();
    }
    // A test that failed between the kill and the restart would leave the postmaster orphaned.
    Optional<ProcessHandle> orphan = postmasterPid().flatMap(ProcessHandle::of);
    if (orphan.isPresent()) {
      orphan.get().destroy();
      orphan.get().onExit().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void keepsEveryCommittedRowAndAcknowledgedRecordAfterTheJvmIsKilled() throws Exception {
    Child first = startChild();
    List<Integer> rows = IntStream.rangeClosed(1, 200).boxed().toList();
    List<String> records = rows.stream().map(i -> "record-" + i).toList();
    try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), "postgres", "")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE payment (id int PRIMARY KEY)");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO payment VALUES (?)")) {
        for (int id : rows) {
          insert.setInt(1, id);
          insert.executeUpdate();
        }
      }
    }
    createTopic(first.bootstrapServers(), "payments", 2);
    sendAcknowledged(first.bootstrapServers(), "payments", records);
    createTopic(first.bootstrapServers(), "decisions", 1);
    try (KafkaProducer<String, String> producer =
        KafkaTestClients.transactionalProducer(first.bootstrapServers())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("decisions", "card", "approve"));
      producer.send(new ProducerRecord<>("decisions", "card", "decline"));
      producer.commitTransaction();
    }

    first.process().destroyForcibly().waitFor();
    long orphan = postmasterPid().orElseThrow();
    assertThat(ProcessHandle.of(orphan))
        .as("the killed JVM leaves its postmaster running")
        .isPresent();
    Child second = startChild();
    assertThat(ProcessHandle.of(orphan)).as("the orphaned postmaster was stopped").isEmpty();
    assertThat(postmasterPid()).isPresent().get().isNotEqualTo(orphan);

    try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT id FROM payment ORDER BY id")) {
      List<Integer> kept = new ArrayList<>();
      while (result.next()) {
        kept.add(result.getInt(1));
      }
      assertThat(kept).containsExactlyElementsOf(rows);
    }
    assertThat(readValues(second.bootstrapServers(), "payments", records.size(), "read_committed"))
        .containsExactlyInAnyOrderElementsOf(records);
    assertThat(readValues(second.bootstrapServers(), "decisions", 2, "read_committed"))
        .containsExactly("approve", "decline");
  }

  @Test
  void stopsPostgresAndKafkaCleanlyWhenTheJvmIsAskedToExit() throws Exception {
    Child child = startChild();
    long postmaster = postmasterPid().orElseThrow();

    child.process().destroy();

    assertThat(child.process().waitFor()).isNotZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false),
            alive -> !alive);
    assertThat(dataDirectory.resolve("postgres/postmaster.pid")).doesNotExist();
    assertThat(dataDirectory.resolve("kafka/.kafka_cleanshutdown")).exists();
  }

  private Child startChild() throws IOException {
    Path output = dataDirectory.resolve("child-" + children.size() + ".log");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedInfrastructureMain.class.getName(),
                dataDirectory.toString(),
                "0",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    children.add(process);
    Matcher ready =
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () -> {
                  assertThat(process.isAlive()).as(() -> read(output)).isTrue();
                  return READY.matcher(read(output));
                },
                Matcher::find);
    return new Child(process, ready.group(1), ready.group(2));
  }

  private Optional<Long> postmasterPid() {
    Path pidFile = dataDirectory.resolve("postgres/postmaster.pid");
    try (Stream<String> lines = Files.lines(pidFile)) {
      return lines.findFirst().map(String::strip).map(Long::valueOf);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private record Child(Process process, String jdbcUrl, String bootstrapServers) {}
}

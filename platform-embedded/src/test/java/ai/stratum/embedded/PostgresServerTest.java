package ai.stratum.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

  private static final Path PSQL = Path.of("/usr/bin/psql");

  @TempDir static Path sharedDirectory;
  private static PostgresServer server;

  @BeforeAll
  static void startServer() {
    server =
        PostgresServer.builder()
            .dataDirectory(sharedDirectory.resolve("postgres"))
            .database("orders")
            .build()
            .start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void servesAPlainJdbcClientOnTheApplicationDatabase() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)");
      statement.execute("INSERT INTO item VALUES (1, 'scanner'), (2, 'detector')");

      assertThat(strings(statement, "SELECT name FROM item ORDER BY id"))
          .containsExactly("scanner", "detector");
      assertThat(strings(statement, "SELECT current_database()")).containsExactly("orders");
      assertThat(strings(statement, "SHOW server_version_num").getFirst()).startsWith("18");
    }
  }

  @Test
  void forcesFsyncAndSynchronousCommitSoCommitsSurviveACrash() throws SQLException {
    try (Connection connection = server.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(strings(statement, "SHOW fsync")).containsExactly("on");
      assertThat(strings(statement, "SHOW synchronous_commit")).containsExactly("on");
      assertThat(strings(statement, "SHOW full_page_writes")).containsExactly("on");
    }
  }

  @Test
  void answersThePsqlCommandLineClient() throws Exception {
    assumeTrue(Files.isExecutable(PSQL), "psql is not installed at " + PSQL);
    Process psql =
        new ProcessBuilder(
                PSQL.toString(),
                "-h",
                "localhost",
                "-p",
                Integer.toString(server.port()),
                "-U",
                server.username(),
                "-d",
                server.database(),
                "-tAc",
                "SELECT 40 + 2")
            .redirectErrorStream(true)
            .start();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(psql.exitValue()).as(output).isZero();
    assertThat(output.strip()).isEqualTo("42");
  }

  @Test
  void keepsCommittedRowsAcrossARestartOnTheSameDataDirectory(@TempDir Path directory)
      throws SQLException {
    try (PostgresServer first = PostgresServer.builder().dataDirectory(directory).build().start();
        Connection connection = first.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE note (body text)");
      statement.execute("INSERT INTO note VALUES ('kept')");
    }

    try (PostgresServer second = PostgresServer.builder().dataDirectory(directory).build().start();
        Connection connection = second.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(strings(statement, "SELECT body FROM note")).containsExactly("kept");
    }
  }

  @Test
  void runsAtTheLowestCpuPriorityWhenAskedAndAtTheJvmsOtherwise(@TempDir Path directory)
      throws Exception {
    try (PostgresServer lowered = startedAtTheLowestPriority(directory);
        Connection connection = lowered.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      long postmaster =
          Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0));
      long session = Long.parseLong(strings(statement, "SELECT pg_backend_pid()").getFirst());

      assertThat(nice(postmaster)).isEqualTo(19);
      assertThat(nice(session)).as("a session started afterwards inherits it").isEqualTo(19);
    }
    try (Connection connection = server.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      long session = Long.parseLong(strings(statement, "SELECT pg_backend_pid()").getFirst());

      assertThat(nice(session)).isEqualTo(nice(ProcessHandle.current().pid()));
    }
  }

  @Test
  void keepsEverySessionsSchedulingGroupLowWhereLinuxGroupsProcessesBySession(
      @TempDir Path directory) throws Exception {
    Path enabled = Path.of("/proc/sys/kernel/sched_autogroup_enabled");
    assumeTrue(
        Files.exists(enabled) && Files.readString(enabled).trim().equals("1"),
        "the kernel does not group processes by session");
    Path ownGroup = Path.of("/proc/self/autogroup");
    String ownGroupBefore = Files.readString(ownGroup);
    try (PostgresServer lowered = startedAtTheLowestPriority(directory);
        Connection connection = lowered.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      Path sessionGroup =
          Path.of("/proc", strings(statement, "SELECT pg_backend_pid()").getFirst(), "autogroup");

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() ->
              assertThat(Files.readString(sessionGroup).trim())
                  .as("a session opened after the start")
                  .endsWith(" nice 19"));
      assertThat(Files.readString(ownGroup)).isEqualTo(ownGroupBefore);
    }
  }

  @Test
  void refusesADirectoryHoldingSomethingElseThanACluster(@TempDir Path directory)
      throws IOException {
    Files.writeString(directory.resolve("notes.txt"), "not a database");

    assertThatThrownBy(() -> PostgresServer.builder().dataDirectory(directory).build().start())
        .isInstanceOf(InfrastructureStartException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("neither empty nor a PostgreSQL data directory");
  }

  @Test
  void refusesADataDirectoryAServerIsStillRunningOnAndLeavesThatServerAlone() throws SQLException {
    PostgresServer intruder =
        PostgresServer.builder().dataDirectory(sharedDirectory.resolve("postgres")).build();

    assertThatThrownBy(intruder::start)
        .isInstanceOf(InfrastructureStartException.class)
        .hasMessageContaining("in use by another running process");
    try (Connection connection = server.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(strings(statement, "SELECT 1")).containsExactly("1");
    }
  }

  private static PostgresServer startedAtTheLowestPriority(Path directory) {
    return PostgresServer.builder()
        .dataDirectory(directory)
        .lowestCpuPriority(true)
        .build()
        .start();
  }

  /** The nice value from /proc/PID/stat: the 17th field after the parenthesised command name. */
  private static int nice(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }

  private static List<String> strings(Statement statement, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        values.add(result.getString(1));
      }
    }
    return values;
  }
}

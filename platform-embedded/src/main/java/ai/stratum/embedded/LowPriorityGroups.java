package ai.stratum.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps a server's processes in low-priority scheduling groups where Linux groups processes by
 * session ({@code kernel.sched_autogroup_enabled}). PostgreSQL starts every child process in a
 * session of its own, and each session's group competes with the whole JVM as an equal whatever its
 * processes' nice: renicing PostgreSQL alone left it the CPU share of one more JVM whenever a
 * backend woke. The group's own nice is what lowers that share. New sessions (connections,
 * autovacuum workers) start at nice 0, so the server's processes are visited once a second.
 * Lowering a priority needs no privilege; a group shared with this JVM is never touched.
 */
final class LowPriorityGroups implements AutoCloseable {

  private static final String LOWEST = "19";
  private static final Path ENABLED = Path.of("/proc/sys/kernel/sched_autogroup_enabled");

  private final ProcessHandle root;
  private final String ownGroup;
  private final ScheduledExecutorService visits;

  private LowPriorityGroups(ProcessHandle root, String ownGroup) {
    this.root = root;
    this.ownGroup = ownGroup;
    this.visits =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform()
                .name("low-priority-groups")
                .daemon()
                .priority(Thread.MIN_PRIORITY)
                .factory());
    visits.scheduleWithFixedDelay(this::visit, 0, 1, TimeUnit.SECONDS);
  }

  /** Starts keeping {@code root} and its descendants low, or empty where there are no groups. */
  static Optional<LowPriorityGroups> keep(ProcessHandle root) {
    try {
      if (!Files.readString(ENABLED).trim().equals("1")) {
        return Optional.empty();
      }
      String ownGroup = group(Files.readString(Path.of("/proc/self/autogroup")).trim());
      return Optional.of(new LowPriorityGroups(root, ownGroup));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void visit() {
    Stream.concat(Stream.of(root), root.descendants()).forEach(this::lower);
  }

  private void lower(ProcessHandle process) {
    Path setting = Path.of("/proc", Long.toString(process.pid()), "autogroup");
    try {
      String current = Files.readString(setting).trim();
      if (!group(current).equals(ownGroup) && !current.endsWith(" nice " + LOWEST)) {
        Files.writeString(setting, LOWEST);
      }
    } catch (IOException e) {
      // the process has ended since it was listed
    }
  }

  /** The group's name in a {@code /proc/<pid>/autogroup} line such as "/autogroup-12 nice 0". */
  private static String group(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }

  @Override
  public void close() {
    visits.shutdownNow();
  }
}

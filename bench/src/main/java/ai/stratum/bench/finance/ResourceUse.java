package ai.stratum.bench.finance;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the broker, the service and the benchmark's own load generator and reader (all threads of
 * this JVM) spent during the measured run: CPU and allocation per thread (threads that differ only
 * by a number are summed) and the broker's requests per second by type. Everything shares two
 * cores, so these show what the latency competes with, without a profiler.
 */
final class ResourceUse {

  private static final int THREADS_SHOWN = 12;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Map<Long, long[]> threadsAtStart = new HashMap<>();
  private final Map<String, Long> requestsAtStart;
  private final Map<String, Long> errorsAtStart;

  private ResourceUse() {
    for (long id : threads.getAllThreadIds()) {
      threadsAtStart.put(id, new long[] {threads.getThreadCpuTime(id), allocated(id)});
    }
    requestsAtStart = brokerRequests();
    errorsAtStart = brokerErrors();
  }

  static ResourceUse start() {
    return new ResourceUse();
  }

  /** What was spent since {@link #start}; taken while the run's threads are still alive. */
  Spent stop(int seconds) {
    Map<String, long[]> byName = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long cpu = threads.getThreadCpuTime(id);
      if (info == null || cpu < 0) {
        continue;
      }
      long[] atStart = threadsAtStart.getOrDefault(id, new long[2]);
      long[] sum =
          byName.computeIfAbsent(info.getThreadName().replaceAll("\\d+", "N"), n -> new long[2]);
      sum[0] += cpu - atStart[0];
      sum[1] += allocated(id) - atStart[1];
    }
    Map<String, Long> requests = new TreeMap<>();
    brokerRequests()
        .forEach(
            (type, count) -> requests.put(type, count - requestsAtStart.getOrDefault(type, 0L)));
    Map<String, Long> errors = new TreeMap<>();
    brokerErrors()
        .forEach((type, count) -> {
          long inRun = count - errorsAtStart.getOrDefault(type, 0L);
          if (inRun > 0) {
            errors.put(type, inRun);
          }
        });
    return new Spent(byName, requests, errors, seconds);
  }

  record Spent(
      Map<String, long[]> threads,
      Map<String, Long> requests,
      Map<String, Long> errors,
      int seconds) {

    void print(PrintStream out) {
      out.printf(
          "Threads of this JVM during the measured run (share of one core, allocation; GC and JIT"
              + " threads are not Java threads and not listed):%n");
      threads.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
          .limit(THREADS_SHOWN)
          .forEach(thread ->
              out.printf(
                  "  %5.1f%%  %6.1f MB/s  %s%n",
                  100.0 * thread.getValue()[0] / 1e9 / seconds,
                  thread.getValue()[1] / 1e6 / seconds,
                  thread.getKey()));
      StringBuilder perSecond = new StringBuilder();
      requests.forEach((type, count) -> {
        if (count >= seconds) {
          perSecond.append(String.format(" %s %,d;", type, count / seconds));
        }
      });
      out.printf("Broker requests per second:%s%n", perSecond);
      StringBuilder answered = new StringBuilder();
      errors.forEach((type, count) -> answered.append(String.format(" %s %,d;", type, count)));
      // a transactional client that hears CONCURRENT_TRANSACTIONS waits retry.backoff.ms and asks
      // again, which the latency of that batch carries
      out.printf("Broker error answers in the run:%s%n", answered.isEmpty() ? " none" : answered);
    }
  }

  private long allocated(long threadId) {
    return threads.getThreadAllocatedBytes(threadId);
  }

  /** The broker's request meters, by request type (all versions summed). */
  private static Map<String, Long> brokerRequests() {
    return brokerMeters("RequestsPerSec", meter -> meter.getKeyProperty("request"));
  }

  /** The broker's answers other than NONE, by request type and error. */
  private static Map<String, Long> brokerErrors() {
    Map<String, Long> errors =
        brokerMeters(
            "ErrorsPerSec",
            meter -> meter.getKeyProperty("request") + " " + meter.getKeyProperty("error"));
    errors.keySet().removeIf(type -> type.endsWith(" NONE"));
    return errors;
  }

  private static Map<String, Long> brokerMeters(String name, Function<ObjectName, String> key) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Long> counts = new TreeMap<>();
    try {
      for (ObjectName meter :
          server.queryNames(
              new ObjectName("kafka.network:type=RequestMetrics,name=" + name + ",*"), null)) {
        counts.merge(key.apply(meter), (Long) server.getAttribute(meter, "Count"), Long::sum);
      }
    } catch (JMException e) {
      throw new IllegalStateException("The broker's " + name + " meters could not be read", e);
    }
    return counts;
  }
}

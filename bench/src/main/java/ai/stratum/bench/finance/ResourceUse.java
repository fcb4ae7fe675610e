package ai.stratum.bench.finance;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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

  private ResourceUse() {
    for (long id : threads.getAllThreadIds()) {
      threadsAtStart.put(id, new long[] {threads.getThreadCpuTime(id), allocated(id)});
    }
    requestsAtStart = brokerRequests();
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
    return new Spent(byName, requests, seconds);
  }

  record Spent(Map<String, long[]> threads, Map<String, Long> requests, int seconds) {

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
    }
  }

  private long allocated(long threadId) {
    return threads.getThreadAllocatedBytes(threadId);
  }

  /** The broker's request meters, by request type (all versions summed). */
  private static Map<String, Long> brokerRequests() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Long> counts = new TreeMap<>();
    try {
      for (ObjectName meter :
          server.queryNames(
              new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
        counts.merge(
            meter.getKeyProperty("request"), (Long) server.getAttribute(meter, "Count"), Long::sum);
      }
    } catch (JMException e) {
      throw new IllegalStateException("The broker's request meters could not be read", e);
    }
    return counts;
  }
}

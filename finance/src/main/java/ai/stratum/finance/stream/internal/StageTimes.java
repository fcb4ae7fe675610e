package ai.stratum.finance.stream.internal;

/**
 * Where the scoring thread's time goes between two reports. A cycle is: decide (the listener), send
 * the offsets to the transaction (the container, before the commit), commit, then poll and the
 * container's own work until the listener sees the next batch. Means show where a typical
 * transaction's wait comes from, the slowest cases what a latency percentile feels. Used by the
 * scoring thread only (the commit runs on it too).
 */
public final class StageTimes {

  private long batches;
  private int largestBatch;
  private long slowestDecideNanos;
  private long commits;
  private long commitNanos;
  private long slowestCommitNanos;
  private long slowestCopyNanos;
  private long records;
  private long decideNanos;
  private long offsetsNanos;
  private long slowestOffsetsNanos;
  private long pollGaps;
  private long pollNanos;
  private long slowestPollNanos;
  private long decideEndedAt;
  private long commitEndedAt;

  /** The listener got a batch at {@code startedAt} (System.nanoTime()). */
  void batchStarted(long startedAt) {
    if (commitEndedAt != 0) {
      long gap = startedAt - commitEndedAt;
      pollGaps++;
      pollNanos += gap;
      slowestPollNanos = Math.max(slowestPollNanos, gap);
      commitEndedAt = 0;
    }
  }

  void batch(int size, long decideNanos) {
    batches++;
    records += size;
    largestBatch = Math.max(largestBatch, size);
    this.decideNanos += decideNanos;
    slowestDecideNanos = Math.max(slowestDecideNanos, decideNanos);
  }

  /** The listener returns the batch to the container (after any checkpoint copy). */
  void listenerReturned() {
    decideEndedAt = System.nanoTime();
  }

  /**
   * One Kafka transaction committed (records, offsets, markers), taking {@code nanos} and ending
   * now; the time since the listener returned went to sending the offsets.
   */
  public void commit(long nanos) {
    long now = System.nanoTime();
    commits++;
    commitNanos += nanos;
    slowestCommitNanos = Math.max(slowestCommitNanos, nanos);
    if (decideEndedAt != 0) {
      long offsets = now - nanos - decideEndedAt;
      offsetsNanos += offsets;
      slowestOffsetsNanos = Math.max(slowestOffsetsNanos, offsets);
      decideEndedAt = 0;
    }
    commitEndedAt = now;
  }

  void stateCopy(long nanos) {
    slowestCopyNanos = Math.max(slowestCopyNanos, nanos);
  }

  /** A one-line summary, then starts over. */
  String drain() {
    String summary =
        String.format(
            "%d batches (mean %.0f records, largest %d); per cycle, mean (slowest): decide %.2f ms"
                + " (%.1f), offsets to transaction %.2f ms (%.1f), commit %.2f ms (%.1f) in %d"
                + " commits, poll and container %.2f ms (%.1f); slowest state copy %.1f ms",
            batches,
            mean(records, batches),
            largestBatch,
            mean(decideNanos, batches) / 1e6,
            slowestDecideNanos / 1e6,
            mean(offsetsNanos, commits) / 1e6,
            slowestOffsetsNanos / 1e6,
            mean(commitNanos, commits) / 1e6,
            slowestCommitNanos / 1e6,
            commits,
            mean(pollNanos, pollGaps) / 1e6,
            slowestPollNanos / 1e6,
            slowestCopyNanos / 1e6);
    batches = 0;
    largestBatch = 0;
    slowestDecideNanos = 0;
    commits = 0;
    commitNanos = 0;
    slowestCommitNanos = 0;
    slowestCopyNanos = 0;
    records = 0;
    decideNanos = 0;
    offsetsNanos = 0;
    slowestOffsetsNanos = 0;
    pollGaps = 0;
    pollNanos = 0;
    slowestPollNanos = 0;
    return summary;
  }

  private static double mean(long total, long count) {
    return count == 0 ? 0 : (double) total / count;
  }
}

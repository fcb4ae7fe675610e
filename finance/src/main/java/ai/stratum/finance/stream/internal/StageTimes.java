package ai.stratum.finance.stream.internal;

/**
 * Where the scoring thread's time goes between two reports: batches and their largest size, the
 * slowest batch to decide, the slowest transaction commit and the slowest feature-state copy. The
 * worst cases are what a latency percentile feels, so those are kept rather than means. Used by the
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

  void batch(int size, long decideNanos) {
    batches++;
    largestBatch = Math.max(largestBatch, size);
    slowestDecideNanos = Math.max(slowestDecideNanos, decideNanos);
  }

  /** One Kafka transaction committed (records, offsets, markers), taking {@code nanos}. */
  public void commit(long nanos) {
    commits++;
    commitNanos += nanos;
    slowestCommitNanos = Math.max(slowestCommitNanos, nanos);
  }

  void stateCopy(long nanos) {
    slowestCopyNanos = Math.max(slowestCopyNanos, nanos);
  }

  /** A one-line summary, then starts over. */
  String drain() {
    String summary =
        String.format(
            "%d batches (largest %d), slowest decide %.1f ms, %d commits (mean %.1f ms, slowest %.1f"
                + " ms), slowest state copy %.1f ms",
            batches,
            largestBatch,
            slowestDecideNanos / 1e6,
            commits,
            commits == 0 ? 0 : commitNanos / 1e6 / commits,
            slowestCommitNanos / 1e6,
            slowestCopyNanos / 1e6);
    batches = 0;
    largestBatch = 0;
    slowestDecideNanos = 0;
    commits = 0;
    commitNanos = 0;
    slowestCommitNanos = 0;
    slowestCopyNanos = 0;
    return summary;
  }
}

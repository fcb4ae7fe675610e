package ai.stratum.finance.stream.internal;

/**
 * Where the stream's time goes between two reports. On the scoring thread, per batch: poll (time in
 * {@code poll}, including waiting for input), waiting for a free producer (all lanes still
 * committing), decide (reading the records, the decision engine, serialising its output), waiting
 * until the previous batch's records are written (so per-card order holds across producers), and
 * send. On the lanes' threads, per transaction: the offsets' round trip (from the transaction's
 * begin, overlapping the decide), then from the hand-off: waiting for the offsets to be sent, for
 * the previous batch's commit, the commit, and the whole span from hand-off to committed. A
 * transaction's latency is roughly its wait to be polled + decide + send + hand-off to committed;
 * means show the typical case, the slowest what a percentile feels.
 */
final class StageTimes {

  private final Stage poll = new Stage();
  private final Stage laneWait = new Stage();
  private final Stage decide = new Stage();
  private final Stage read = new Stage();
  private final Stage engine = new Stage();
  private final Stage serialise = new Stage();
  private final Stage orderWait = new Stage();
  private final Stage send = new Stage();
  private final Stage offsets = new Stage();
  private final Stage offsetsWait = new Stage();
  private final Stage previousWait = new Stage();
  private final Stage commit = new Stage();
  private final Stage handOffToCommitted = new Stage();
  private long batches;
  private long records;
  private int largestBatch;
  private long failedCommits;
  private long slowestCopyNanos;

  synchronized void polled(long nanos) {
    poll.add(nanos);
  }

  synchronized void batch(
      int size, long laneWaitNanos, long decideNanos, long orderWaitNanos, long sendNanos) {
    batches++;
    records += size;
    largestBatch = Math.max(largestBatch, size);
    laneWait.add(laneWaitNanos);
    decide.add(decideNanos);
    orderWait.add(orderWaitNanos);
    send.add(sendNanos);
  }

  /** Parts of a decide with accepted records: reading them, the decision engine, serialising. */
  synchronized void scored(long readNanos, long engineNanos, long serialiseNanos) {
    read.add(readNanos);
    engine.add(engineNanos);
    serialise.add(serialiseNanos);
  }

  synchronized void offsetsSent(long sinceBeginNanos) {
    offsets.add(sinceBeginNanos);
  }

  synchronized void committed(
      long offsetsWaitNanos, long previousWaitNanos, long commitNanos, long sinceHandOffNanos) {
    offsetsWait.add(offsetsWaitNanos);
    previousWait.add(previousWaitNanos);
    commit.add(commitNanos);
    handOffToCommitted.add(sinceHandOffNanos);
  }

  synchronized void commitFailed() {
    failedCommits++;
  }

  synchronized void stateCopy(long nanos) {
    slowestCopyNanos = Math.max(slowestCopyNanos, nanos);
  }

  /** A one-line summary, then starts over. */
  synchronized String drain() {
    long commits = handOffToCommitted.count;
    String summary =
        String.format(
            "%d batches (mean %.0f records, largest %d); scoring thread, mean (slowest) ms: poll"
                + " %s, wait for a producer %s, decide %s (read %s, engine %s, serialise %s), wait for"
                + " the previous batch's writes %s,"
                + " send %s; per transaction on its producer's thread: offsets %s (from begin),"
                + " wait for them %s, wait for the previous commit %s, commit %s, hand-off to committed %s; %d commits, %d failed;"
                + " slowest state copy %.1f ms",
            batches,
            batches == 0 ? 0.0 : (double) records / batches,
            largestBatch,
            poll.drain(),
            laneWait.drain(),
            decide.drain(),
            read.drain(),
            engine.drain(),
            serialise.drain(),
            orderWait.drain(),
            send.drain(),
            offsets.drain(),
            offsetsWait.drain(),
            previousWait.drain(),
            commit.drain(),
            handOffToCommitted.drain(),
            commits,
            failedCommits,
            slowestCopyNanos / 1e6);
    batches = 0;
    records = 0;
    largestBatch = 0;
    failedCommits = 0;
    slowestCopyNanos = 0;
    return summary;
  }

  private static final class Stage {
    private long count;
    private long totalNanos;
    private long slowestNanos;

    void add(long nanos) {
      count++;
      totalNanos += nanos;
      slowestNanos = Math.max(slowestNanos, nanos);
    }

    String drain() {
      String text =
          String.format(
              "%.2f (%.1f)", count == 0 ? 0.0 : totalNanos / 1e6 / count, slowestNanos / 1e6);
      count = 0;
      totalNanos = 0;
      slowestNanos = 0;
      return text;
    }
  }
}

package ai.stratum.core.inference.serving;

import java.time.Duration;
import java.util.Objects;

/**
 * How one model is batched on each device.
 *
 * @param maxBatchSize most requests run together; 1 turns batching off
 * @param maxDelay longest a request waits for others to join its batch, counted from when it was
 *     queued; 0 takes whatever is queued when a worker is free, so batches grow with the load and
 *     add no latency when it is light
 * @param queueCapacity requests that may wait per device; the next one is refused at once (HTTP
 *     503)
 * @param workers worker threads per device, each with its own predictor
 * @param timeout default deadline of a request, from submission to answer
 * @param retryAfter what an overloaded model tells callers to wait before retrying
 */
public record BatchingSettings(
    int maxBatchSize,
    Duration maxDelay,
    int queueCapacity,
    int workers,
    Duration timeout,
    Duration retryAfter) {

  public BatchingSettings {
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (maxBatchSize < 1 || queueCapacity < 1 || workers < 1) {
      throw new IllegalArgumentException(
          "maxBatchSize, queueCapacity and workers must be >= 1: "
              + maxBatchSize
              + ", "
              + queueCapacity
              + ", "
              + workers);
    }
    if (maxDelay.isNegative() || !timeout.isPositive() || retryAfter.isNegative()) {
      throw new IllegalArgumentException("maxDelay and retryAfter must be >= 0 and timeout > 0");
    }
  }

  /** No batching: every request runs alone, as soon as a worker is free. */
  public BatchingSettings unbatched() {
    return new BatchingSettings(1, Duration.ZERO, queueCapacity, workers, timeout, retryAfter);
  }
}

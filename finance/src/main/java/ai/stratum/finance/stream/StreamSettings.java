package ai.stratum.finance.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scoring stream. One consumer thread per instance owns the feature state; run one instance per
 * group (the state is per instance; see the README).
 *
 * @param enabled run the stream (the REST API works without it)
 * @param group consumer group of the scoring instances
 * @param transactionIdPrefix prefix of the transactional producer ids; instances of one group share
 *     it so a restarted instance fences its predecessor
 * @param maxPollRecords most records decided in one Kafka transaction
 * @param transactionsInFlight transactional producers used in turn: while one batch's transaction
 *     commits, the next ones are decided (ids {@code transactionIdPrefix} + 0, 1, ...). A
 *     producer's next transaction must not reach the coordinator while the markers of its previous
 *     one are still being written, or the broker answers CONCURRENT_TRANSACTIONS and the client
 *     retries after {@code retry.backoff.ms}: with 2 producers that happened to 6% of the batches
 *     at 8,000 transactions/s, with 4 to none (each producer then rests for three batches)
 * @param checkpointInterval how often the feature state is checkpointed to PostgreSQL
 * @param checkpointsKept checkpoints kept per group (older ones are deleted)
 * @param maxReplayRecords most records per partition replayed into the feature state at recovery
 */
@ConfigurationProperties("stratum.finance.stream")
public record StreamSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("finance-scoring") String group,
    @DefaultValue("finance-scoring-") String transactionIdPrefix,
    @DefaultValue("1000") int maxPollRecords,
    @DefaultValue("4") int transactionsInFlight,
    @DefaultValue("60s") Duration checkpointInterval,
    @DefaultValue("3") int checkpointsKept,
    @DefaultValue("5000000") long maxReplayRecords) {

  public StreamSettings {
    if (transactionsInFlight < 1) {
      throw new IllegalArgumentException("transactions-in-flight must be at least 1");
    }
  }
}

package ai.stratum.finance.stream;

import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import ai.stratum.finance.stream.internal.FeatureCheckpoints;
import ai.stratum.finance.stream.internal.ScoringLoop;
import ai.stratum.finance.stream.internal.StateRecovery;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The scoring stream's Kafka plumbing: a read_committed consumer and a small ring of transactional
 * producers whose transactions also commit the consumed offsets, driven by one scoring thread that
 * decides the next batch while the previous one commits (see {@link ScoringLoop}). A failed batch
 * is rolled back and retried with back-off, never skipped: a transaction without a decision is
 * worse than a late one. The producers are private to the stream, so the service's other publishers
 * stay non-transactional.
 */
public final class ScoringStream implements SmartLifecycle {

  /**
   * How long decisions may wait in the producer. A batch's decisions are sent in one burst after it
   * is decided, so a short linger still puts them into one request per partition, and they are
   * written while the offsets go to the coordinator instead of only when the commit flushes.
   */
  public static final int BATCH_LINGER_MS = 2;

  /**
   * First wait before a producer retries. When a producer's next transaction reaches the
   * coordinator while it still writes the markers of the previous one (rare with four producers in
   * turn, see {@link StreamSettings#transactionsInFlight}), the broker answers
   * CONCURRENT_TRANSACTIONS and the client asks again after this wait. The default 100 ms put 100
   * ms stalls into every few hundred batches at 8,000 tx/s with two producers (p99 130 -> 59 ms
   * measured); the markers take a few milliseconds. Produce retries still back off exponentially up
   * to {@code retry.backoff.max.ms} (1 s) against a broker that is really down.
   */
  public static final int RETRY_BACKOFF_MS = 10;

  /**
   * Socket buffers sized by the operating system (-1) instead of the clients' fixed 64 KB
   * (consumer) and 128 KB (producer). A fetch of a few hundred KB through a 64 KB receive window
   * stalled now and then for the TCP persist timer (~210 ms, its minimum) before the window
   * reopened: 0-9 such stalls per 30 s at 8,000 transactions/s set the p99, on the stream's
   * consumer and on readers of the decisions alike.
   */
  public static final int SOCKET_BUFFER_BYTES = -1;

  /** Producer batch per partition: a whole polled batch of decisions fits in one. */
  public static final int BATCH_BYTES = 256 * 1024;

  private final Supplier<ScoringLoop> loops;
  private volatile @Nullable ScoringLoop loop;

  public ScoringStream(
      KafkaProperties kafka,
      StreamSettings settings,
      DecisionEngine engine,
      TransactionReader reader,
      JdbcTemplate jdbc,
      Clock clock) {
    Map<String, Object> producerConfig = new HashMap<>(kafka.buildProducerProperties());
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, BATCH_LINGER_MS);
    producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    producerConfig.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS);
    producerConfig.put(ProducerConfig.SEND_BUFFER_CONFIG, SOCKET_BUFFER_BYTES);
    // a batch commits within milliseconds; if an instance dies mid-transaction, the broker aborts
    // the orphan after this long even when no successor fences it, so read_committed readers of
    // finance.decisions are never held up for the default minute
    producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);

    Map<String, Object> consumerConfig = new HashMap<>(kafka.buildConsumerProperties());
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    consumerConfig.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, SOCKET_BUFFER_BYTES);
    // the replay consumer of the recovery reads the same topic with the same settings
    DefaultKafkaConsumerFactory<String, byte[]> replayConsumers =
        new DefaultKafkaConsumerFactory<>(consumerConfig);
    Map<String, Object> scoringConsumerConfig = new HashMap<>(consumerConfig);
    scoringConsumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    scoringConsumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.group());

    FeatureCheckpoints checkpoints = new FeatureCheckpoints(jdbc);
    StateRecovery recovery =
        new StateRecovery(
            checkpoints,
            replayConsumers,
            reader,
            engine,
            settings.group(),
            settings.maxReplayRecords());
    // a loop runs once; a restarted stream (stop, then start) gets a new one
    loops =
        () ->
            new ScoringLoop(
                settings,
                scoringConsumerConfig,
                transactionalId -> {
                  Map<String, Object> config = new HashMap<>(producerConfig);
                  config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
                  config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
                  return new KafkaProducer<>(
                      config, new StringSerializer(), new ByteArraySerializer());
                },
                reader,
                engine,
                recovery,
                checkpoints,
                clock);
  }

  @Override
  public void start() {
    ScoringLoop started = loops.get();
    started.start();
    loop = started;
  }

  @Override
  public void stop() {
    ScoringLoop running = loop;
    if (running != null) {
      running.stop();
    }
  }

  @Override
  public boolean isRunning() {
    ScoringLoop running = loop;
    return running != null && running.isRunning();
  }

  /** After the model and the topics are ready. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}

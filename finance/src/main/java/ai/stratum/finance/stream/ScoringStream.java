package ai.stratum.finance.stream;

import ai.stratum.core.events.Topic;
import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import ai.stratum.finance.stream.internal.FeatureCheckpoints;
import ai.stratum.finance.stream.internal.ScoringListener;
import ai.stratum.finance.stream.internal.StageTimes;
import ai.stratum.finance.stream.internal.StateRecovery;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The scoring stream's Kafka plumbing: a read_committed consumer, a transactional producer whose
 * transactions also commit the consumed offsets, and a listener container that deciding batches run
 * in. A failed batch rolls back and is retried with back-off, never skipped: a transaction without
 * a decision is worse than a late one. Its producer factory is private to the stream, so the
 * service's other publishers stay non-transactional.
 */
public final class ScoringStream implements SmartLifecycle {

  /** How long decisions may wait in the producer: longer than a batch takes to decide. */
  public static final int BATCH_LINGER_MS = 100;

  /** Producer batch per partition: a whole polled batch of decisions fits in one. */
  public static final int BATCH_BYTES = 256 * 1024;

  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final DefaultKafkaConsumerFactory<String, byte[]> consumers;
  private final KafkaMessageListenerContainer<String, byte[]> container;
  private final ExecutorService checkpointWriter;

  public ScoringStream(
      KafkaProperties kafka,
      StreamSettings settings,
      DecisionEngine engine,
      TransactionReader reader,
      JdbcTemplate jdbc,
      Clock clock) {
    Map<String, Object> producerConfig = new HashMap<>(kafka.buildProducerProperties());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    // decisions become visible to read_committed readers only when the transaction commits,
    // and the commit flushes what is buffered; until then a batch of decisions may as well wait
    // and leave in one request per partition instead of one small request per record
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, BATCH_LINGER_MS);
    producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    // a batch commits within milliseconds; if an instance dies mid-transaction, the broker aborts
    // the orphan after this long even when no successor fences it, so read_committed readers of
    // finance.decisions are never held up for the default minute
    producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
    producers = new DefaultKafkaProducerFactory<>(producerConfig);
    producers.setTransactionIdPrefix(settings.transactionIdPrefix());

    Map<String, Object> consumerConfig = new HashMap<>(kafka.buildConsumerProperties());
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    consumers = new DefaultKafkaConsumerFactory<>(consumerConfig);

    KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producers);
    // a timer per decision costs more than the decision's own send at this rate
    template.setMicrometerEnabled(false);
    checkpointWriter =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("feature-checkpoints").daemon().factory());
    FeatureCheckpoints checkpoints = new FeatureCheckpoints(jdbc);
    StateRecovery recovery =
        new StateRecovery(
            checkpoints, consumers, reader, engine, settings.group(), settings.maxReplayRecords());
    StageTimes stages = new StageTimes();
    ScoringListener listener =
        new ScoringListener(
            reader,
            engine,
            template,
            recovery,
            checkpoints,
            checkpointWriter,
            settings.group(),
            settings.checkpointInterval(),
            settings.checkpointsKept(),
            clock,
            stages);

    ContainerProperties properties =
        new ContainerProperties(Topic.FINANCE_TRANSACTIONS.topicName());
    properties.setGroupId(settings.group());
    properties.setClientId(settings.group());
    properties.setAckMode(ContainerProperties.AckMode.BATCH);
    properties.setKafkaAwareTransactionManager(timedTransactions(producers, stages));
    properties.setMessageListener(listener);
    properties.setConsumerRebalanceListener(listener);
    properties.setPollTimeout(100);
    container = new KafkaMessageListenerContainer<>(consumers, properties);
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2);
    backOff.setMaxInterval(10_000);
    container.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(backOff));
    container.setBeanName("financeScoringStream");
  }

  /** Transactions as usual, with each commit's duration counted (it runs on the scoring thread). */
  private static KafkaTransactionManager<String, byte[]> timedTransactions(
      DefaultKafkaProducerFactory<String, byte[]> producers, StageTimes stages) {
    return new KafkaTransactionManager<>(producers) {
      @Override
      protected void doCommit(DefaultTransactionStatus status) {
        long started = System.nanoTime();
        super.doCommit(status);
        stages.commit(System.nanoTime() - started);
      }
    };
  }

  @Override
  public void start() {
    container.start();
  }

  @Override
  public void stop() {
    container.stop();
    checkpointWriter.shutdown();
    try {
      checkpointWriter.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producers.destroy();
  }

  @Override
  public boolean isRunning() {
    return container.isRunning();
  }

  /** After the model and the topics are ready. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}

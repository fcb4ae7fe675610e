package ai.stratum.core.events;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * Listener containers for projections: they read only committed records (read_committed) of a topic
 * from its beginning, in batches, and commit offsets after the batch was handled, so a projection
 * that ignores rows it already has is exactly-once in effect. Their consumer threads run at the
 * lowest thread priority.
 */
public final class CommittedRecords {

  private CommittedRecords() {}

  /**
   * A container that hands batches of {@code topic}'s committed records (string key, raw value) to
   * {@code listener}; {@code consumerProperties} (e.g. Boot's) may add settings such as {@code
   * max.poll.records}.
   */
  public static KafkaMessageListenerContainer<String, byte[]> projection(
      Topic topic,
      String group,
      Map<String, Object> consumerProperties,
      String beanName,
      BatchMessageListener<String, byte[]> listener) {
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ContainerProperties properties = new ContainerProperties(topic.topicName());
    properties.setGroupId(group);
    properties.setAckMode(ContainerProperties.AckMode.BATCH);
    properties.setMessageListener(listener);
    SimpleAsyncTaskExecutor consumerThreads = new SimpleAsyncTaskExecutor(beanName + "-");
    // a read model may lag a moment; it must not take a core from a latency path (with
    // -XX:ThreadPriorityPolicy=1 the operating system runs it at a lower priority)
    consumerThreads.setThreadPriority(Thread.MIN_PRIORITY);
    properties.setListenerTaskExecutor(consumerThreads);
    KafkaMessageListenerContainer<String, byte[]> container =
        new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), properties);
    container.setBeanName(beanName);
    return container;
  }
}

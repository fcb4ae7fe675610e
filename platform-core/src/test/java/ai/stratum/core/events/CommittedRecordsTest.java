package ai.stratum.core.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.inference.PlatformModelsTopic;
import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

@RealInfrastructure
class CommittedRecordsTest {

  private final String servers = SharedInfrastructure.get().kafkaBootstrapServers();

  @Test
  void aProjectionGetsThePublishedRecordsOnALowestPriorityThread() throws Exception {
    PlatformModelsTopic.create();
    String key = UUID.randomUUID().toString();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(Topic.PLATFORM_MODELS.topicName(), key, bytes("first")))
          .get(30, TimeUnit.SECONDS);
      producer
          .send(new ProducerRecord<>(Topic.PLATFORM_MODELS.topicName(), key, bytes("second")))
          .get(30, TimeUnit.SECONDS);
    }
    List<String> values = new CopyOnWriteArrayList<>();
    Set<Integer> priorities = ConcurrentHashMap.newKeySet();
    KafkaMessageListenerContainer<String, byte[]> projection =
        CommittedRecords.projection(
            Topic.PLATFORM_MODELS,
            "committed-records-test-" + key,
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
            "testProjection",
            records -> {
              priorities.add(Thread.currentThread().getPriority());
              records.stream()
                  .filter(record -> key.equals(record.key()))
                  .forEach(record -> values.add(new String(record.value(), UTF_8)));
            });
    projection.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> values.size() >= 2);
    } finally {
      projection.stop();
    }

    assertThat(values).containsExactly("first", "second");
    assertThat(priorities).containsOnly(Thread.MIN_PRIORITY);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}

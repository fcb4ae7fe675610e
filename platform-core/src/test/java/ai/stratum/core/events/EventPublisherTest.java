package ai.stratum.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@RealInfrastructure
class EventPublisherTest {

  record Finding(String studyUid, int nodules, double maxDiameterMm) {}

  private final ApplicationContextRunner service =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(KafkaAutoConfiguration.class, EventsAutoConfiguration.class))
          .withPropertyValues(
              "stratum.core.events.topics=medical.findings,platform.models",
              "spring.kafka.client-id=events-test");

  @Test
  void createsTheDeclaredTopicsWithCataloguePartitions() {
    service.run(context -> {
      assertThat(context).hasNotFailed();
      Map<String, TopicDescription> topics;
      try (Admin admin = admin()) {
        topics =
            admin
                .describeTopics(Set.of("medical.findings", "platform.models"))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS);
      }
      assertThat(topics.get("medical.findings").partitions()).hasSize(3);
      assertThat(topics.get("platform.models").partitions()).hasSize(1);
    });
  }

  @Test
  void consumersReadBackThePublishedEnvelopeWithItsHeaders() {
    EventEnvelope<Finding> published =
        EventEnvelope.of(
            TenantId.of("st-marys"), "medical.finding", new Finding("1.2.840.99.1", 2, 7.5));

    service.run(context -> {
      RecordMetadata metadata =
          context
              .getBean(EventPublisher.class)
              .publish(Topic.MEDICAL_FINDINGS, "1.2.840.99.1", published)
              .get(30, TimeUnit.SECONDS);
      assertThat(metadata.topic()).isEqualTo("medical.findings");

      ConsumerRecord<String, EventEnvelope<Finding>> record =
          readFrom(new TopicPartition("medical.findings", metadata.partition()), published.id());

      assertThat(record.key()).isEqualTo("1.2.840.99.1");
      assertThat(record.value()).isEqualTo(published);
      assertThat(header(record, EventHeaders.TENANT)).isEqualTo("st-marys");
      assertThat(header(record, EventHeaders.TYPE)).isEqualTo("medical.finding");
      assertThat(header(record, EventHeaders.ID)).isEqualTo(published.id().toString());
      assertThat(header(record, EventHeaders.TIME)).isEqualTo(published.time().toString());
    });
  }

  @Test
  void eventsWithTheSameKeyGoToTheSamePartition() {
    service.run(context -> {
      EventPublisher publisher = context.getBean(EventPublisher.class);
      List<Integer> partitions = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        partitions.add(
            publisher
                .publish(
                    Topic.MEDICAL_FINDINGS,
                    "1.2.840.99.7",
                    EventEnvelope.of(
                        TenantId.of("st-marys"),
                        "medical.finding",
                        new Finding("1.2.840.99.7", i, 1.0)))
                .get(30, TimeUnit.SECONDS)
                .partition());
      }
      assertThat(partitions).containsOnly(partitions.getFirst());
    });
  }

  private static ConsumerRecord<String, EventEnvelope<Finding>> readFrom(
      TopicPartition partition, UUID eventId) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedInfrastructure.get().kafkaBootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, EventEnvelope<Finding>> consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), new EventEnvelopeDeserializer<>(Finding.class))) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, EventEnvelope<Finding>>> found = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .until(() -> {
            consumer
                .poll(Duration.ofMillis(200))
                .forEach(record -> {
                  if (record.value().id().equals(eventId)) {
                    found.add(record);
                  }
                });
            return !found.isEmpty();
          });
      return found.getFirst();
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedInfrastructure.get().kafkaBootstrapServers()));
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

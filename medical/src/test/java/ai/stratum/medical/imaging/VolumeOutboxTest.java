package ai.stratum.medical.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.MedicalIntegrationTest;
import ai.stratum.medical.delivery.Outbox;
import ai.stratum.medical.delivery.OutboxProperties;
import ai.stratum.medical.delivery.OutboxRelay;
import ai.stratum.medical.detection.DetectionProperties;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import ai.stratum.test.SharedInfrastructure;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Volume-ready events go through the outbox: a broker outage delays them but loses none, a re-sent
 * event is analysed once, and a series whose claimant died is built by the next claimant.
 */
class VolumeOutboxTest extends MedicalIntegrationTest {

  private static final String TENANT = "hospital-a";

  @Autowired OutboxRelay relay;
  @Autowired Outbox outbox;
  @Autowired SeriesCompletion completion;
  @Autowired DetectionProperties detection;
  @Autowired JdbcClient jdbc;

  @Test
  void keepsAVolumeEventThroughABrokerOutageAndAnalysesTheStudyExactlyOnce() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(4711));
    String study = series.studyInstanceUid();
    relay.stop();
    try {
      assertThat(stow(TENANT, parts(series)).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> rows(study).size() == 1);

      // a relay whose broker cannot be reached: a real Kafka client, nothing listening
      try (EventPublisher unreachable = unreachableBroker()) {
        OutboxRelay failing =
            new OutboxRelay(
                outbox,
                () -> unreachable,
                new OutboxProperties(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofDays(7)));
        assertThat(failing.sendDue()).isZero();
      }
      Map<String, Object> failed = rows(study).getFirst();
      assertThat(failed.get("sent_at")).isNull();
      assertThat(failed.get("attempts")).isEqualTo(1);
      assertThat((String) failed.get("last_error")).isNotBlank();
      assertThat(
              get(TENANT, "/api/medical/studies/" + study + "/report", "application/json")
                  .statusCode())
          .isEqualTo(404);
    } finally {
      relay.start();
    }

    JsonNode reports = awaitReports(TENANT, study);
    assertThat(reports).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rows(study).getFirst().get("sent_at") != null);
    List<ConsumerRecord<String, String>> sent = records("medical.studies", study);
    assertThat(sent).hasSize(1);

    // the relay dies between the broker's acknowledgement and marking the event sent
    UUID id = (UUID) rows(study).getFirst().get("id");
    jdbc.sql("update outbox set sent_at = null, next_attempt_at = now() where id = ?")
        .params(id)
        .update();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rows(study).getFirst().get("sent_at") != null);
    List<ConsumerRecord<String, String>> twice = records("medical.studies", study);
    assertThat(twice).hasSize(2);
    assertThat(twice).allSatisfy(record -> assertThat(record.value()).contains(id.toString()));
    awaitConsumed(twice.getLast());

    assertThat(records("medical.findings", study)).hasSize(1);
    assertThat(awaitReports(TENANT, study)).hasSize(1);
    assertThat(awaitReports(TENANT, study).get(0).get("analysedAt"))
        .isEqualTo(reports.get(0).get("analysedAt"));
  }

  @Test
  void buildsTheVolumeOfASeriesWhoseClaimantDiedOnceTheLeaseExpires() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(4712));
    String study = series.studyInstanceUid();
    completion.stop();
    try {
      assertThat(stow(TENANT, parts(series)).statusCode()).isEqualTo(200);
      // a claimant took the series a moment ago and died before building its volume
      claimedAgo(series, Duration.ZERO);
      completion.completeQuietSeries();
      assertThat(completion.status(TenantId.of(TENANT), series.seriesInstanceUid())).isEmpty();
      assertThat(rows(study)).isEmpty();

      claimedAgo(series, Duration.ofHours(1));
      assertThat(completion.completeQuietSeries()).isPositive();
      assertThat(completion.status(TenantId.of(TENANT), series.seriesInstanceUid()))
          .contains("ready");
      assertThat(
              jdbc.sql("select state from series where series_uid = ?")
                  .params(series.seriesInstanceUid())
                  .query(String.class)
                  .single())
          .isEqualTo("complete");
    } finally {
      completion.start();
    }
    assertThat(awaitReports(TENANT, study)).hasSize(1);
    assertThat(rows(study)).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rows(study).getFirst().get("sent_at") != null);
  }

  private void claimedAgo(PhantomSeries series, Duration ago) {
    int updated =
        jdbc.sql(
                """
                update series set state = 'building', claim_token = gen_random_uuid(),
                    claimed_at = now() - (? * interval '1 millisecond')
                where series_uid = ?\
                """)
            .params(ago.toMillis(), series.seriesInstanceUid())
            .update();
    assertThat(updated).isEqualTo(1);
  }

  private List<Map<String, Object>> rows(String study) {
    return jdbc.sql(
            "select * from outbox where topic = 'medical.studies' and message_key = ? order by created_at")
        .params(study)
        .query()
        .listOfRows();
  }

  /** Waits until the detection workers' group has committed past {@code record}. */
  private void awaitConsumed(ConsumerRecord<String, String> record) throws Exception {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try (Admin admin =
        Admin.create(
            Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> {
            OffsetAndMetadata committed =
                admin
                    .listConsumerGroupOffsets(detection.group())
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return committed != null && committed.offset() > record.offset();
          });
    }
  }

  /** Every record under {@code key} on the topic so far. */
  private static List<ConsumerRecord<String, String>> records(String topic, String key) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  private static EventPublisher unreachableBroker() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return EventPublisher.using(
        new DefaultKafkaProducerFactory<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000)));
  }
}

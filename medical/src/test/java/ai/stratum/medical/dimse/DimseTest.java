package ai.stratum.medical.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.DicomTools;
import ai.stratum.medical.MedicalIntegrationTest;
import ai.stratum.medical.imaging.SeriesCompletion;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import ai.stratum.test.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** DCMTK's echoscu and storescu against the SCP, then QIDO-RS, volumes and medical.studies. */
class DimseTest extends MedicalIntegrationTest {

  @Autowired DimseReceiver receiver;
  @Autowired SeriesCompletion completion;

  @BeforeEach
  void requireDcmtk() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")), "DCMTK not installed");
  }

  @Test
  void answersEchoFromAKnownCallingAeAndRejectsAnUnknownOne() throws Exception {
    assertThat(
            DicomTools.run("echoscu", "-aec", "STRATUM", "-aet", "ECHOSCU", "localhost", port())
                .exitCode())
        .isZero();

    DicomTools.Run unknown =
        DicomTools.run("echoscu", "-aec", "STRATUM", "-aet", "INTRUDER", "localhost", port());
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output()).containsIgnoringCase("Calling AE Title Not Recognized");

    DicomTools.Run wrongCalled =
        DicomTools.run("echoscu", "-aec", "SOMEONE", "-aet", "ECHOSCU", "localhost", port());
    assertThat(wrongCalled.exitCode()).isNotZero();
  }

  @Test
  void storesASeriesSentByStorescuIdempotentlyAndAnnouncesItsVolume(@TempDir Path directory)
      throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(201));
    series.writeTo(directory);
    try (KafkaConsumer<String, String> consumer = consumer()) {
      DicomTools.Run sent = storescu(directory);
      assertThat(sent.exitCode()).as(sent.output()).isZero();

      JsonNode studies = qido("/dicomweb/studies?StudyInstanceUID=" + series.studyInstanceUid());
      assertThat(studies.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(20);

      DicomTools.Run resent = storescu(directory);
      assertThat(resent.exitCode()).as(resent.output()).isZero();
      // the series, not the study: the study may already hold the SR of the series' analysis
      assertThat(
              qido(
                  "/dicomweb/studies/"
                      + series.studyInstanceUid()
                      + "/series/"
                      + series.seriesInstanceUid()
                      + "/instances?limit=1000"))
          .hasSize(20);

      List<String> events = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
              events.add(record.value());
            }
            assertThat(events).anySatisfy(e -> assertThat(e).contains(series.seriesInstanceUid()));
          });
      JsonNode event =
          StratumJson.mapper()
              .readTree(
                  events.stream()
                      .filter(e -> e.contains(series.seriesInstanceUid()))
                      .findFirst()
                      .orElseThrow());
      assertThat(event.get("type").asString()).isEqualTo("medical.volume.ready");
      assertThat(event.get("tenant").asString()).isEqualTo("hospital-a");
      assertThat(event.get("payload").get("dimensions").get(2).asInt())
          .isEqualTo(24); // 19 gaps of 2.5 mm resampled at 2 mm
      assertThat(completion.status(TenantId.of("hospital-a"), series.seriesInstanceUid()))
          .contains("ready");
    }
  }

  @Test
  void refusesADifferentObjectUnderAStoredUidWithAFailureStatus(@TempDir Path directory)
      throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(202));
    Files.write(directory.resolve("a.dcm"), series.slice(0).toPart10());
    assertThat(storescu(directory).exitCode()).isZero();

    byte[] tampered = series.slice(0).toPart10();
    tampered[tampered.length - 5] ^= 0x55;
    Files.write(directory.resolve("a.dcm"), tampered);
    DicomTools.Run refused = storescu(directory);

    assertThat(refused.output()).contains("0x111");
  }

  @Test
  void receivesA300Slice512SeriesFromStorescu(@TempDir Path directory) throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.chest(300, 203));
    series.writeTo(directory);

    DicomTools.Run sent = storescu(directory);

    assertThat(sent.exitCode()).as(sent.output()).isZero();
    assertThat(
            qido("/dicomweb/studies/" + series.studyInstanceUid() + "/series")
                .get(0)
                .get("00201209")
                .get("Value")
                .get(0)
                .asInt())
        .isEqualTo(300);
  }

  private JsonNode qido(String path) throws Exception {
    return StratumJson.mapper().readTree(get("hospital-a", path, "application/dicom+json").body());
  }

  private DicomTools.Run storescu(Path directory) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("storescu", "-aec", "STRATUM", "-aet", "STORESCU", "-v", "localhost", port()));
    try (var files = Files.list(directory)) {
      files
          .map(Path::toString)
          .filter(name -> name.endsWith(".dcm"))
          .sorted()
          .forEach(command::add);
    }
    return DicomTools.run(command.toArray(String[]::new));
  }

  private String port() {
    return String.valueOf(receiver.port());
  }

  private static KafkaConsumer<String, String> consumer() {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrapServers(),
                "group.id",
                "dimse-test-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of("medical.studies"));
    return consumer;
  }
}

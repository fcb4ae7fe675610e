package ai.stratum.medical.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.registry.ModelVersion;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.inference.serving.Prediction;
import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.DicomTools;
import ai.stratum.medical.MedicalIntegrationTest;
import ai.stratum.medical.detection.NoduleCnn;
import ai.stratum.medical.detection.PatchClassifier;
import ai.stratum.medical.phantom.Nodule;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import ai.stratum.test.SharedInfrastructure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A phantom chest CT sent by STOW-RS goes through volume assembly, the detection worker (Kafka
 * consumer group on medical.studies) and reporting: findings in JSON and FHIR, a TID 1500 SR in the
 * study that dciodvfy accepts, medical.findings, and clinician feedback to medical.feedback. Bad
 * input gets a report saying why it was not analysed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoduleReportTest extends MedicalIntegrationTest {

  private static final String TENANT = "hospital-a";
  private static final String JSON = "application/json";

  @Autowired ModelServer models;
  @Autowired ModelRegistry registry;

  private PhantomSeries chest;
  private JsonNode report;

  @BeforeAll
  void sendAChestCtAndAwaitItsReport() throws Exception {
    // the committed CNN is registered, promoted and deployed at start; score with it, not the
    // fallback
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> models.served(NoduleCnn.MODEL_NAME).isPresent());
    chest = PhantomSeries.of(new PhantomSpec(128, 48, 2.5, 4, 10, 12, "REPORT-12"));
    assertThat(stow(TENANT, parts(chest, List.of())).statusCode()).isEqualTo(200);
    report = awaitReport(chest.studyInstanceUid());
  }

  @Test
  void reportsFindingsOnTheLargeNodulesWithSizeTypeProbabilityAndUncertainty() {
    assertThat(report.get("status").asString()).isEqualTo("analysed");
    JsonNode findings = report.get("findings");
    for (Nodule nodule : chest.nodules()) {
      if (nodule.diameterMm() < 10) {
        continue;
      }
      assertThat(findings.valueStream().filter(f -> distance(f, nodule) <= nodule.radiusMm()))
          .as("a finding on %s", nodule)
          .hasSize(1)
          .allSatisfy(f -> {
            assertThat(f.get("diameterMm").asDouble()).isPositive();
            assertThat(f.get("volumeMm3").asDouble()).isPositive();
            assertThat(f.get("attenuation").asString()).isIn("SOLID", "GROUND_GLASS");
            assertThat(f.get("probability").asDouble()).isBetween(0.0, 1.0);
            assertThat(f.get("uncertainty").asDouble()).isNotNegative();
            assertThat(f.get("trackingUid").asString()).startsWith("2.25.");
          });
    }
  }

  @Test
  void servesTheCommittedNoduleCnnFromTheModelRegistryThroughTheInferenceCore() {
    ModelVersion production = registry.production(NoduleCnn.MODEL_NAME).orElseThrow();
    assertThat(production.metrics()).containsKey("validationAuc");
    Prediction prediction =
        models
            .predict(
                NoduleCnn.MODEL_NAME,
                List.of(
                    Tensor.zeros(
                        DataType.FLOAT32,
                        1,
                        PatchClassifier.SIDE,
                        PatchClassifier.SIDE,
                        PatchClassifier.SIDE)))
            .join();
    assertThat(prediction.model()).isEqualTo(production.ref());
    assertThat(prediction.output().floatData()).hasSize(1);
  }

  @Test
  void storesATid1500StructuredReportInTheStudyThatDciodvfyAccepts(@TempDir Path directory)
      throws Exception {
    String study = chest.studyInstanceUid();
    JsonNode series =
        StratumJson.mapper()
            .readTree(
                get(
                        TENANT,
                        "/dicomweb/studies/" + study + "/series?Modality=SR",
                        "application/dicom+json")
                    .body());
    assertThat(series).hasSize(1);
    String srSeries = series.get(0).get("0020000E").get("Value").get(0).asString();
    assertThat(srSeries).isEqualTo(report.get("srSeriesInstanceUid").asString());
    String instance = report.get("srSopInstanceUid").asString();
    HttpResponse<byte[]> retrieved =
        getBytes(
            TENANT,
            "/dicomweb/studies/" + study + "/series/" + srSeries + "/instances/" + instance,
            "multipart/related; type=\"application/dicom\"");
    assertThat(retrieved.statusCode()).isEqualTo(200);
    byte[] part10 = firstPart(retrieved);
    Path file = directory.resolve("sr.dcm");
    Files.write(file, part10);

    JsonNode metadata =
        StratumJson.mapper()
            .readTree(
                get(
                        TENANT,
                        "/dicomweb/studies/"
                            + study
                            + "/series/"
                            + srSeries
                            + "/instances/"
                            + instance
                            + "/metadata",
                        "application/dicom+json")
                    .body());
    assertThat(metadata.get(0).get("00080016").get("Value").get(0).asString())
        .isEqualTo("1.2.840.10008.5.1.4.1.1.88.34");
    assertThat(metadata.get(0).get("0040A504").toString()).contains("1500");
    long groups =
        metadata
            .get(0)
            .get("0040A730")
            .get("Value")
            .valueStream()
            .filter(item -> item.toString().contains("126010"))
            .flatMap(item -> item.get("0040A730").get("Value").valueStream())
            .count();
    assertThat(groups).isEqualTo(report.get("findings").size());

    if (Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
      String output =
          DicomTools.run(Duration.ofMinutes(2), "/usr/bin/dciodvfy", file.toString()).output();
      assertThat(output.lines().filter(line -> line.startsWith("Error"))).as(output).isEmpty();
    }
  }

  @Test
  void servesTheReportAsAFhirR4DiagnosticReport() throws Exception {
    HttpResponse<String> response =
        get(
            TENANT,
            "/api/medical/studies/" + chest.studyInstanceUid() + "/report",
            "application/fhir+json");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode fhir = StratumJson.mapper().readTree(response.body());
    assertThat(fhir.get("resourceType").asString()).isEqualTo("DiagnosticReport");
    assertThat(fhir.get("status").asString()).isEqualTo("final");
    assertThat(fhir.get("contained")).hasSize(report.get("findings").size());
    assertThat(fhir.get("result")).hasSize(report.get("findings").size());
    assertThat(fhir.get("imagingStudy").get(0).get("identifier").get("value").asString())
        .isEqualTo("urn:oid:" + chest.studyInstanceUid());
  }

  @Test
  void publishesTheFindingsToMedicalFindings() {
    List<String> events = poll("medical.findings", chest.studyInstanceUid());
    assertThat(events).anySatisfy(e -> assertThat(e).contains("medical.findings.reported"));
  }

  @Test
  void keepsReportsPerTenant() throws Exception {
    assertThat(
            get("hospital-b", "/api/medical/studies/" + chest.studyInstanceUid() + "/report", JSON)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void recordsAClinicianVerdictAndPublishesItToMedicalFeedback() throws Exception {
    String finding = report.get("findings").get(0).get("id").asString();
    HttpResponse<String> confirmed =
        post(
            "/api/medical/findings/" + finding + "/feedback",
            "{\"verdict\":\"CONFIRMED\",\"clinician\":\"dr-house\",\"comment\":\"typical\"}");
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);

    assertThat(poll("medical.feedback", finding))
        .anySatisfy(e -> assertThat(e).contains("CONFIRMED").contains("dr-house"));
    JsonNode history =
        StratumJson.mapper()
            .readTree(get(TENANT, "/api/medical/findings/" + finding + "/feedback", JSON).body());
    assertThat(history.get(0).get("verdict").asString()).isEqualTo("CONFIRMED");

    assertThat(
            post(
                    "/api/medical/findings/" + finding + "/feedback",
                    "{\"verdict\":\"MAYBE\",\"clinician\":\"x\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    "/api/medical/findings/" + UUID.randomUUID() + "/feedback",
                    "{\"verdict\":\"REJECTED\",\"clinician\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void reportsWhyASeriesWithTooFewSlicesWasNotAnalysed() throws Exception {
    PhantomSeries shortSeries =
        PhantomSeries.of(new PhantomSpec(64, 12, 2.5, 2, 10, 31, "SHORT-31"));
    assertThat(stow(TENANT, parts(shortSeries, List.of())).statusCode()).isEqualTo(200);
    JsonNode notAnalysed = awaitReport(shortSeries.studyInstanceUid());
    assertThat(notAnalysed.get("status").asString()).isEqualTo("not-analysed");
    assertThat(notAnalysed.get("reason").asString()).contains("only 12 slices");
    assertThat(notAnalysed.get("findings")).isEmpty();
    assertThat(notAnalysed.get("srSopInstanceUid").asString()).startsWith("2.25.");
  }

  @Test
  void reportsWhyASeriesWithAGapWasNotAnalysed() throws Exception {
    PhantomSeries gapped = PhantomSeries.of(new PhantomSpec(64, 40, 2.5, 2, 10, 32, "GAP-32"));
    assertThat(stow(TENANT, parts(gapped, List.of(15, 16, 17))).statusCode()).isEqualTo(200);
    JsonNode notAnalysed = awaitReport(gapped.studyInstanceUid());
    assertThat(notAnalysed.get("status").asString()).isEqualTo("not-analysed");
    assertThat(notAnalysed.get("reason").asString()).contains("does not make a volume");
    assertThat(notAnalysed.get("findings")).isEmpty();
    HttpResponse<String> fhir =
        get(
            TENANT,
            "/api/medical/studies/" + gapped.studyInstanceUid() + "/report",
            "application/fhir+json");
    assertThat(StratumJson.mapper().readTree(fhir.body()).get("status").asString())
        .isEqualTo("cancelled");
  }

  private JsonNode awaitReport(String study) {
    List<JsonNode> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          HttpResponse<String> response =
              get(TENANT, "/api/medical/studies/" + study + "/report", JSON);
          assertThat(response.statusCode()).isEqualTo(200);
          found.add(StratumJson.mapper().readTree(response.body()).get("reports").get(0));
        });
    return found.getLast();
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header(TENANT_HEADER, TENANT)
            .header("Content-Type", JSON)
            .header("Accept", JSON)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<byte[]> parts(PhantomSeries series, List<Integer> skipped) {
    List<byte[]> parts = new ArrayList<>();
    series.forEachSlice((index, slice) -> {
      if (!skipped.contains(index)) {
        parts.add(slice.toPart10());
      }
    });
    return parts;
  }

  private static double distance(JsonNode f, Nodule n) {
    return Math.sqrt(
        Math.pow(f.get("x").asDouble() - n.centerX(), 2)
            + Math.pow(f.get("y").asDouble() - n.centerY(), 2)
            + Math.pow(f.get("z").asDouble() - n.centerZ(), 2));
  }

  /** The first part of a multipart/related response. */
  private static byte[] firstPart(HttpResponse<byte[]> response) {
    String contentType = response.headers().firstValue("Content-Type").orElseThrow();
    String boundary = contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
    byte[] body = response.body();
    String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    int start = text.indexOf("\r\n\r\n", text.indexOf("--" + boundary)) + 4;
    int end = text.indexOf("\r\n--" + boundary, start);
    return java.util.Arrays.copyOfRange(body, start, end);
  }

  private static List<String> poll(String topic, String key) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrapServers(),
                "group.id",
                "report-test-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
              if (key.equals(record.key())) {
                values.add(record.value());
              }
            }
            assertThat(values).isNotEmpty();
          });
    }
    return values;
  }
}

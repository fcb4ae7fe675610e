package ai.stratum.medical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.dicomweb.StowBody;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.test.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The medical service on a random HTTP port and a free DIMSE port, against real PostgreSQL and
 * Kafka; subclasses share one Spring context.
 */
@RealInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "stratum.core.storage.root=target/test-storage",
      "stratum.medical.dimse.port=0",
      "stratum.medical.dimse.tenants.hospital-a=STORESCU,ECHOSCU",
      "stratum.medical.dimse.tenants.hospital-b=OTHER-PACS",
      "stratum.medical.dimse.tenants.demo-hospital=STRATUM-BENCH",
      "stratum.medical.dimse.tenants.hospital-e=ENHANCED-CT",
      "stratum.medical.volumes.quiet-period=1s",
      "stratum.medical.volumes.poll-interval=500ms",
      "stratum.medical.volumes.isotropic-spacing-mm=2.0",
      "stratum.medical.detection.model-artifact=../models/medical/nodule-cnn/artifact.zip",
      // hospital-c forwards its SRs to a DIMSE peer and a STOW-RS endpoint that ForwardingTest
      // brings up on these ports
      "stratum.medical.forwarding.targets.hospital-c[0].name=pacs",
      "stratum.medical.forwarding.targets.hospital-c[0].host=127.0.0.1",
      "stratum.medical.forwarding.targets.hospital-c[0].port="
          + MedicalIntegrationTest.FORWARD_DIMSE_PORT,
      "stratum.medical.forwarding.targets.hospital-c[0].called-ae-title=FWD-PACS",
      "stratum.medical.forwarding.targets.hospital-c[1].name=archive",
      "stratum.medical.forwarding.targets.hospital-c[1].stow-url=http://127.0.0.1:"
          + MedicalIntegrationTest.FORWARD_STOW_PORT
          + "/dicomweb/studies",
      "stratum.medical.forwarding.targets.hospital-c[1].headers[X-Stratum-Tenant]=hospital-b",
      // hospital-d forwards to a peer that accepts connections and never answers
      // (ForwardingTest)
      "stratum.medical.forwarding.targets.hospital-d[0].name=stalled-pacs",
      "stratum.medical.forwarding.targets.hospital-d[0].host=127.0.0.1",
      "stratum.medical.forwarding.targets.hospital-d[0].port="
          + MedicalIntegrationTest.STALLED_DIMSE_PORT,
      "stratum.medical.forwarding.targets.hospital-d[0].called-ae-title=STALLED",
      "stratum.medical.forwarding.timeout=5s",
      "stratum.medical.forwarding.poll-interval=300ms",
      "stratum.medical.forwarding.initial-backoff=300ms",
      "stratum.medical.forwarding.max-backoff=1s"
    })
public abstract class MedicalIntegrationTest {

  protected static final HttpClient HTTP = HttpClient.newHttpClient();
  protected static final String TENANT_HEADER = "X-Stratum-Tenant";

  /*
   * The forwarding targets' ports lie below Linux's default ephemeral range (32768-60999): a port
   * inside it can be the local end of any outgoing connection of the build, including the
   * forwarder's own retries to the closed port, and ForwardingTest then cannot bind it.
   */

  /** Where hospital-c's SR forwarding targets listen (when ForwardingTest runs them). */
  protected static final int FORWARD_DIMSE_PORT = 28721;

  protected static final int FORWARD_STOW_PORT = 28722;

  /** Where hospital-d's SR forwarding target listens (a peer that never answers). */
  protected static final int STALLED_DIMSE_PORT = 28723;

  @Value("${local.server.port}")
  protected int port;

  protected URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  protected HttpResponse<String> get(String tenant, String path, String accept) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header(TENANT_HEADER, tenant)
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<byte[]> getBytes(String tenant, String path, String accept)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header(TENANT_HEADER, tenant)
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** STOW-RS of the given files as one multipart/related request. */
  protected HttpResponse<String> stow(String tenant, List<byte[]> parts) throws Exception {
    StowBody body = StowBody.of(parts);
    return HTTP.send(
        HttpRequest.newBuilder(uri("/dicomweb/studies"))
            .header(TENANT_HEADER, tenant)
            .header("Content-Type", body.contentType())
            .header("Accept", "application/dicom+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every slice of the series as a Part 10 file, for {@link #stow}. */
  protected static List<byte[]> parts(PhantomSeries series) {
    List<byte[]> parts = new ArrayList<>();
    series.forEachSlice((index, slice) -> parts.add(slice.toPart10()));
    return parts;
  }

  /**
   * The study's reports ({@code GET /api/medical/studies/{uid}/report}), once the latest has its SR
   * recorded (the analysis is visible a moment before).
   */
  protected JsonNode awaitReports(String tenant, String study) {
    List<JsonNode> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> {
          HttpResponse<String> response =
              get(tenant, "/api/medical/studies/" + study + "/report", "application/json");
          assertThat(response.statusCode()).isEqualTo(200);
          JsonNode reports = StratumJson.mapper().readTree(response.body()).get("reports");
          assertThat(reports.get(0).get("srSopInstanceUid").isString()).isTrue();
          found.add(reports);
        });
    return found.getLast();
  }
}

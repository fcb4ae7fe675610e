package ai.stratum.medical.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.medical.DicomTools;
import ai.stratum.medical.MedicalIntegrationTest;
import ai.stratum.medical.dicom.StalledPeer;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * hospital-c forwards its SRs to a DIMSE peer (DCMTK storescp) and to a STOW-RS endpoint (a small
 * HTTP server in front of this service's own STOW-RS, storing into hospital-b). Both are down when
 * the SR is made: the forwards wait, retry, and arrive once the peers are up.
 */
class ForwardingTest extends MedicalIntegrationTest {

  private static final String TENANT = "hospital-c";

  @Autowired JdbcClient jdbc;

  @Test
  void forwardsTheSrByCStoreAndStowRsOnceThePeersComeUpWithoutLosingTheReport(
      @TempDir Path received) throws Exception {
    assumeThat(Path.of("/usr/bin/storescp")).as("DCMTK storescp is installed").exists();
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(4713));
    assertThat(stow(TENANT, parts(series)).statusCode()).isEqualTo(200);
    JsonNode report = awaitReports(TENANT, series.studyInstanceUid()).get(0);
    String sr = report.get("srSopInstanceUid").asString();

    // both peers are down: the forwards are queued and retried, the report is kept
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(forwards(sr))
                .hasSize(2)
                .allSatisfy(row -> {
                  assertThat(row.get("status")).isEqualTo("pending");
                  assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
                  assertThat((String) row.get("last_error")).isNotBlank();
                }));
    assertThat(
            get(TENANT, "/dicomweb/instances?SOPInstanceUID=" + sr, "application/dicom+json")
                .body())
        .contains(sr);

    Process storescp =
        new ProcessBuilder(
                "/usr/bin/storescp",
                "-aet",
                "FWD-PACS",
                "-od",
                received.toString(),
                String.valueOf(FORWARD_DIMSE_PORT))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    HttpServer archive = stowRelayToThisService();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() ->
              assertThat(forwards(sr))
                  .extracting(row -> row.get("status"))
                  .containsExactly("sent", "sent"));
    } finally {
      archive.stop(0);
      storescp.destroy();
      assertThat(storescp.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    List<Path> files;
    try (Stream<Path> listing = Files.list(received)) {
      files = listing.toList();
    }
    assertThat(files).hasSize(1);
    String dump = dcmdump(files.getFirst());
    assertThat(dump).contains("[" + sr + "]").contains("=Comprehensive3DSRStorage");

    assertThat(
            get("hospital-b", "/dicomweb/instances?SOPInstanceUID=" + sr, "application/dicom+json")
                .body())
        .contains(sr);
  }

  @Test
  void failsAForwardToAPeerThatAcceptsAndNeverAnswersAfterTheTimeoutAndRetriesIt()
      throws Exception {
    try (StalledPeer stalled = new StalledPeer(STALLED_DIMSE_PORT)) {
      PhantomSeries series = PhantomSeries.of(PhantomSpec.small(4714));
      assertThat(stow("hospital-d", parts(series)).statusCode()).isEqualTo(200);
      String sr =
          awaitReports("hospital-d", series.studyInstanceUid())
              .get(0)
              .get("srSopInstanceUid")
              .asString();

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(() ->
              assertThat(forwards(sr))
                  .singleElement()
                  .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("pending");
                    assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
                    assertThat((String) row.get("last_error"))
                        .contains("STALLED@127.0.0.1:" + STALLED_DIMSE_PORT)
                        .contains("timed out after 5000 ms");
                  }));
      assertThat(stalled.accepted()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(
              get(
                      "hospital-d",
                      "/dicomweb/instances?SOPInstanceUID=" + sr,
                      "application/dicom+json")
                  .body())
          .contains(sr);
    }
  }

  /**
   * A real HTTP server on the STOW target's port that hands each request to this service's STOW-RS,
   * headers (the target's tenant header) and body as they came.
   */
  private HttpServer stowRelayToThisService() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FORWARD_STOW_PORT), 0);
    server.createContext(
        "/dicomweb/studies",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(uri("/dicomweb/studies").toString()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Accept", TENANT_HEADER)) {
              String value = exchange.getRequestHeaders().getFirst(header);
              if (value != null) {
                request.header(header, value);
              }
            }
            HttpResponse<byte[]> response =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.sendResponseHeaders(response.statusCode(), response.body().length);
            exchange.getResponseBody().write(response.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    return server;
  }

  private List<Map<String, Object>> forwards(String sr) {
    return jdbc.sql("select * from sr_forward where sop_instance_uid = ? order by target")
        .params(sr)
        .query()
        .listOfRows();
  }

  private static String dcmdump(Path file) throws Exception {
    return DicomTools.run(Duration.ofMinutes(1), "/usr/bin/dcmdump", file.toString()).output();
  }
}

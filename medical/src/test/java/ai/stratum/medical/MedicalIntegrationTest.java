package ai.stratum.medical;

import ai.stratum.test.RealInfrastructure;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

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
      "stratum.medical.volumes.quiet-period=1s",
      "stratum.medical.volumes.poll-interval=500ms",
      "stratum.medical.volumes.isotropic-spacing-mm=2.0",
      "stratum.medical.detection.model-artifact=../models/medical/nodule-cnn/artifact.zip"
    })
public abstract class MedicalIntegrationTest {

  protected static final HttpClient HTTP = HttpClient.newHttpClient();
  protected static final String TENANT_HEADER = "X-Stratum-Tenant";

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
    String boundary = "stratum-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      body.writeBytes(
          ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      body.writeBytes(part);
      body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return HTTP.send(
        HttpRequest.newBuilder(uri("/dicomweb/studies"))
            .header(TENANT_HEADER, tenant)
            .header(
                "Content-Type",
                "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
            .header("Accept", "application/dicom+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package ai.stratum.medical.report.internal;

import ai.stratum.medical.dicomweb.StowBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sends one DICOM instance by DICOMweb STOW-RS (PS3.18 10.5) as multipart/related. */
final class StowClient {

  private final HttpClient http;
  private final Duration timeout;

  StowClient(Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  /**
   * @throws IOException when the request fails or the server did not store the instance (any answer
   *     but 200; 202 means some instances were refused, and we send one)
   */
  void store(URI url, Map<String, String> headers, byte[] part10) throws IOException {
    StowBody body = StowBody.of(List.of(part10));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", body.contentType())
            .header("Accept", "application/dicom+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + url, e);
    }
    if (response.statusCode() != 200) {
      String answer = response.body();
      throw new IOException(
          "STOW-RS to "
              + url
              + " answered "
              + response.statusCode()
              + ": "
              + (answer.length() > 500 ? answer.substring(0, 500) : answer));
    }
  }
}

package ai.stratum.medical.dicomweb;

import ai.stratum.medical.dicomweb.internal.MultipartRelatedReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Splits a WADO-RS multipart/related response into its part bodies. */
final class MultipartParts {

  private MultipartParts() {}

  static List<byte[]> split(HttpResponse<byte[]> response) throws Exception {
    String contentType = response.headers().firstValue("Content-Type").orElseThrow();
    String boundary =
        contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()).strip();
    MultipartRelatedReader reader =
        new MultipartRelatedReader(
            new ByteArrayInputStream(response.body()), boundary, Long.MAX_VALUE, Long.MAX_VALUE);
    List<byte[]> parts = new ArrayList<>();
    for (var part = reader.next(); part != null; part = reader.next()) {
      parts.add(part.content());
    }
    return parts;
  }
}

package ai.stratum.medical.dicomweb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A STOW-RS request body (PS3.18 10.5): Part 10 instances as one multipart/related message, and the
 * Content-Type header that names its boundary.
 */
public record StowBody(String contentType, byte[] bytes) {

  public static StowBody of(List<byte[]> part10Instances) {
    String boundary = "stratum-" + UUID.randomUUID();
    int size = part10Instances.stream().mapToInt(instance -> instance.length + 96).sum();
    ByteArrayOutputStream body = new ByteArrayOutputStream(size + 64);
    for (byte[] instance : part10Instances) {
      body.writeBytes(
          ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      body.writeBytes(instance);
      body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return new StowBody(
        "multipart/related; type=\"application/dicom\"; boundary=" + boundary, body.toByteArray());
  }
}

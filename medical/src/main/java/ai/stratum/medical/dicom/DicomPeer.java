package ai.stratum.medical.dicom;

import java.util.Objects;

/**
 * Another DICOM application entity to send to.
 *
 * @param calledAeTitle the peer's AE title
 * @param callingAeTitle ours, as the peer knows us
 */
public record DicomPeer(String host, int port, String calledAeTitle, String callingAeTitle) {

  public DicomPeer {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    requireAeTitle(calledAeTitle);
    requireAeTitle(callingAeTitle);
  }

  private static void requireAeTitle(String aeTitle) {
    Objects.requireNonNull(aeTitle, "AE title");
    if (aeTitle.isBlank() || aeTitle.length() > 16) {
      throw new IllegalArgumentException("AE title must be 1-16 characters: '" + aeTitle + "'");
    }
  }

  @Override
  public String toString() {
    return calledAeTitle + "@" + host + ":" + port;
  }
}

package ai.stratum.medical.report;

import ai.stratum.medical.dicom.DicomPeer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each tenant's structured reports are sent once stored.
 *
 * @param targets per tenant, the peers every new SR goes to
 * @param callingAeTitle our AE title in associations we open
 * @param pollInterval how often queued forwards are looked at
 * @param timeout the longest one forward may take: a STOW-RS request, or a C-STORE association
 *     (connect, associate, store, release; the connection is closed when it elapses, so a peer that
 *     accepts and then stalls fails the forward, which is retried with back-off)
 * @param initialBackoff wait before the first retry of a failed forward; doubled per failure
 * @param maxBackoff the longest wait between retries
 * @param maxAttempts after this many failures a forward is given up as failed (the SR stays in the
 *     study)
 */
@ConfigurationProperties("stratum.medical.forwarding")
public record ForwardingProperties(
    @DefaultValue Map<String, List<Target>> targets,
    @DefaultValue("STRATUM") String callingAeTitle,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("60s") Duration timeout,
    @DefaultValue("2s") Duration initialBackoff,
    @DefaultValue("10m") Duration maxBackoff,
    @DefaultValue("30") int maxAttempts) {

  public ForwardingProperties {
    targets.forEach((tenant, list) -> list.forEach(target -> target.check(tenant)));
  }

  /**
   * A DIMSE peer ({@code host}, {@code port}, {@code calledAeTitle}) or a DICOMweb STOW-RS endpoint
   * ({@code stowUrl}, e.g. {@code https://pacs/dicomweb/studies}, with extra request {@code
   * headers} such as authorization).
   *
   * @param name names the target in the forwarding status; unique per tenant
   */
  public record Target(
      String name,
      @Nullable String host,
      @Nullable Integer port,
      @Nullable String calledAeTitle,
      @Nullable URI stowUrl,
      @DefaultValue Map<String, String> headers) {

    void check(String tenant) {
      boolean dimse = host != null || port != null || calledAeTitle != null;
      if (dimse == (stowUrl != null)) {
        throw new IllegalArgumentException(
            "forwarding target '"
                + name
                + "' of tenant "
                + tenant
                + " needs either host, port and called-ae-title or stow-url");
      }
      if (dimse && (host == null || port == null || calledAeTitle == null)) {
        throw new IllegalArgumentException(
            "forwarding target '"
                + name
                + "' of tenant "
                + tenant
                + " needs host, port and"
                + " called-ae-title");
      }
    }

    /** The DIMSE peer, when this target is one. */
    public Optional<DicomPeer> peer(String callingAeTitle) {
      return host == null || port == null || calledAeTitle == null
          ? Optional.empty()
          : Optional.of(new DicomPeer(host, port, calledAeTitle, callingAeTitle));
    }
  }

  /** The target of a tenant by name. */
  public Optional<Target> target(String tenant, String name) {
    return targets.getOrDefault(tenant, List.of()).stream()
        .filter(target -> target.name().equals(name))
        .findFirst();
  }
}

package ai.stratum.medical.report.internal;

import ai.stratum.core.service.PeriodicTask;
import ai.stratum.medical.delivery.Backoff;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomPeer;
import ai.stratum.medical.report.ForwardingProperties;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.StoredInstance;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends queued SRs to their tenant's forwarding targets: C-STORE through the DICOM toolkit port to
 * DIMSE peers, STOW-RS to DICOMweb endpoints. A failed forward stays queued and is retried with
 * back-off until {@code max-attempts}, then marked failed; the SR in the study is never touched. A
 * target is looked up by name when sent, so a corrected address applies to forwards already queued.
 */
@Component
public class SrForwarder extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(SrForwarder.class);
  private static final int BATCH = 8;

  private final ForwardingProperties properties;
  private final ForwardQueue queue;
  private final DicomStore store;
  private final StowClient stow;
  private final Backoff backoff;

  SrForwarder(ForwardingProperties properties, ForwardQueue queue, DicomStore store) {
    super("medical-sr-forwarder", properties.pollInterval());
    this.properties = properties;
    this.queue = queue;
    this.store = store;
    this.stow = new StowClient(properties.timeout());
    this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
  }

  /** Sends every due forward once; returns how many were delivered. */
  public int sendDue() {
    int sent = 0;
    List<ForwardQueue.Forward> due;
    do {
      due = queue.takeDue(BATCH, properties.timeout().multipliedBy(BATCH + 1L));
      for (ForwardQueue.Forward forward : due) {
        if (send(forward)) {
          sent++;
        }
      }
    } while (due.size() == BATCH);
    return sent;
  }

  private boolean send(ForwardQueue.Forward forward) {
    Optional<ForwardingProperties.Target> target =
        properties.target(forward.tenant().value(), forward.target());
    if (target.isEmpty()) {
      queue.markFailed(
          forward,
          "target '" + forward.target() + "' is no longer configured",
          Instant.now(),
          true);
      return false;
    }
    try {
      StoredInstance sr =
          store
              .instance(forward.tenant(), forward.sopInstanceUid())
              .orElseThrow(
                  () -> new IOException("SR " + forward.sopInstanceUid() + " is not stored"));
      deliver(target.get(), sr);
      queue.markSent(forward);
      log.info("SR {} forwarded to {}", forward.sopInstanceUid(), forward.target());
      return true;
    } catch (IOException | RuntimeException e) {
      boolean giveUp = forward.attempts() + 1 >= properties.maxAttempts();
      Duration wait = backoff.after(forward.attempts());
      log.warn(
          "Forwarding SR {} to {} failed (attempt {}){}: {}",
          forward.sopInstanceUid(),
          forward.target(),
          forward.attempts() + 1,
          giveUp ? ", giving up" : ", retrying in " + wait,
          e.toString());
      queue.markFailed(forward, e.toString(), Instant.now().plus(wait), giveUp);
      return false;
    }
  }

  private void deliver(ForwardingProperties.Target target, StoredInstance sr) throws IOException {
    byte[] part10;
    try (InputStream in = store.open(sr)) {
      part10 = in.readAllBytes();
    }
    Optional<DicomPeer> peer = target.peer(properties.callingAeTitle());
    URI stowUrl = target.stowUrl();
    if (peer.isPresent()) {
      // the toolkit sends from a file
      Path file = Files.createTempFile("stratum-sr-", ".dcm");
      try {
        Files.write(file, part10);
        Dicom.storeScu().store(peer.get(), file, properties.timeout());
      } finally {
        Files.deleteIfExists(file);
      }
    } else if (stowUrl != null) {
      stow.store(stowUrl, target.headers(), part10);
    }
  }

  @Override
  protected void runOnce() {
    sendDue();
  }
}

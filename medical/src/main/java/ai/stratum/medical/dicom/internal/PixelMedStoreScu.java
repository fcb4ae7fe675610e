package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomPeer;
import ai.stratum.medical.dicom.StoreScu;
import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.MultipleInstanceTransferStatusHandler;
import com.pixelmed.network.StorageSOPClassSCU;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * C-STORE SCU on PixelMed: it proposes the file's SOP class in its transfer syntax, sends it and
 * reports the peer's answer through the transfer status handler.
 *
 * <p>PixelMed opens its own socket without a read timeout, so the exchange runs on a virtual
 * thread: interrupting a virtual thread blocked in socket I/O closes the socket (JEP 444), which
 * ends the exchange when the timeout elapses.
 */
public final class PixelMedStoreScu implements StoreScu {

  private static final int NO_COMPRESSION = 0;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  @Override
  public void store(DicomPeer peer, Path part10, Duration timeout) throws IOException {
    SetOfDicomFiles files = new SetOfDicomFiles();
    files.add(part10.toFile());
    Outcome outcome = new Outcome();
    Thread exchange =
        Thread.ofVirtual()
            .name("c-store-" + peer)
            .start(() -> {
              StorageSOPClassSCU scu =
                  new StorageSOPClassSCU(
                      peer.host(),
                      peer.port(),
                      peer.calledAeTitle(),
                      peer.callingAeTitle(),
                      files,
                      NO_COMPRESSION,
                      outcome);
              outcome.trapped = scu.encounteredTrappedExceptions();
            });
    try {
      if (!exchange.join(timeout)) {
        exchange.interrupt();
        // closing the socket ends the exchange at once; should it not, it is left to end alone
        exchange.join(CLOSE_GRACE);
        throw new IOException(
            "C-STORE to "
                + peer
                + " timed out after "
                + timeout.toMillis()
                + " ms: the peer did not answer; the connection was closed");
      }
    } catch (InterruptedException e) {
      exchange.interrupt();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("C-STORE to " + peer + " interrupted");
    }
    if (outcome.trapped) {
      throw new IOException(
          "C-STORE to " + peer + " failed: association refused, aborted or unreachable");
    }
    if (outcome.failed > 0 || outcome.completed + outcome.warning == 0) {
      throw new IOException("C-STORE to " + peer + " was not accepted by the peer");
    }
  }

  /**
   * PixelMed reports the counts after each instance; the last report is the result. Written by the
   * exchange thread, read after joining it.
   */
  private static final class Outcome extends MultipleInstanceTransferStatusHandler {

    private int completed;
    private int failed;
    private int warning;
    private boolean trapped;

    @Override
    public void updateStatus(
        int remaining, int completed, int failed, int warning, String sopInstanceUid) {
      this.completed = completed;
      this.failed = failed;
      this.warning = warning;
    }
  }
}

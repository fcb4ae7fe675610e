package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DicomPeer;
import ai.stratum.medical.dicom.StoreScu;
import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.MultipleInstanceTransferStatusHandler;
import com.pixelmed.network.StorageSOPClassSCU;
import java.io.IOException;
import java.nio.file.Path;

/**
 * C-STORE SCU on PixelMed: it proposes the file's SOP class in its transfer syntax, sends it and
 * reports the peer's answer through the transfer status handler.
 */
public final class PixelMedStoreScu implements StoreScu {

  private static final int NO_COMPRESSION = 0;

  @Override
  public void store(DicomPeer peer, Path part10) throws IOException {
    SetOfDicomFiles files = new SetOfDicomFiles();
    files.add(part10.toFile());
    Outcome outcome = new Outcome();
    StorageSOPClassSCU scu =
        new StorageSOPClassSCU(
            peer.host(),
            peer.port(),
            peer.calledAeTitle(),
            peer.callingAeTitle(),
            files,
            NO_COMPRESSION,
            outcome);
    if (scu.encounteredTrappedExceptions()) {
      throw new IOException(
          "C-STORE to " + peer + " failed: association refused, aborted or unreachable");
    }
    if (outcome.failed > 0 || outcome.completed + outcome.warning == 0) {
      throw new IOException("C-STORE to " + peer + " was not accepted by the peer");
    }
  }

  /** PixelMed reports the counts after each instance; the last report is the result. */
  private static final class Outcome extends MultipleInstanceTransferStatusHandler {

    private int completed;
    private int failed;
    private int warning;

    @Override
    public void updateStatus(
        int remaining, int completed, int failed, int warning, String sopInstanceUid) {
      this.completed = completed;
      this.failed = failed;
      this.warning = warning;
    }
  }
}

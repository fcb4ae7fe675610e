package ai.stratum.medical.dicom;

import java.io.IOException;
import java.nio.file.Path;

/** A C-STORE service class user: sends DICOM files to another application entity. */
public interface StoreScu {

  /**
   * Sends one Part 10 file over its own association.
   *
   * @throws IOException when the association fails or the peer does not store the instance
   */
  void store(DicomPeer peer, Path part10) throws IOException;
}

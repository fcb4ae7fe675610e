package ai.stratum.medical.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A C-STORE service class user: sends DICOM files to another application entity. */
public interface StoreScu {

  /**
   * Sends one Part 10 file over its own association.
   *
   * @param timeout the longest the whole exchange (connect, association, C-STORE, release) may
   *     take; after it the connection is closed, so a peer that accepts and then stalls cannot hold
   *     the caller
   * @throws IOException when the association fails, the peer does not store the instance, or the
   *     timeout elapses
   */
  void store(DicomPeer peer, Path part10, Duration timeout) throws IOException;
}

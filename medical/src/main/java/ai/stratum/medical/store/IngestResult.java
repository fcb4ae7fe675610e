package ai.stratum.medical.store;

import java.util.Optional;

/** What happened to one offered instance. */
public sealed interface IngestResult {

  /**
   * Stored (or already stored with identical content).
   *
   * @param alreadyStored the same instance had been stored before; nothing changed
   */
  record Stored(StoredInstance instance, boolean alreadyStored) implements IngestResult {}

  /**
   * Refused; nothing was changed.
   *
   * @param detail for the sender, names what is wrong
   */
  record Refused(
      FailureReason reason,
      String detail,
      Optional<String> sopClassUid,
      Optional<String> sopInstanceUid)
      implements IngestResult {}
}

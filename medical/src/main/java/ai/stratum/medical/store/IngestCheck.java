package ai.stratum.medical.store;

import ai.stratum.medical.dicom.DicomObject;
import java.util.Optional;

/**
 * A check another feature adds to ingest: an object it refuses is not stored, and the sender gets
 * the reason with failure reason {@code A900} (data set does not match SOP class).
 */
@FunctionalInterface
public interface IngestCheck {

  /** Why the object must not be stored; empty when it may be. */
  Optional<String> refusal(DicomObject object);
}

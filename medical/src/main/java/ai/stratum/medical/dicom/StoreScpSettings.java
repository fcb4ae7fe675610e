package ai.stratum.medical.dicom;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * @param aeTitle our AE title; associations addressed to another title are rejected
 * @param port TCP port, 0 for any free port
 * @param callingAeAllowed whether an association from this calling AE title is accepted (otherwise
 *     A-ASSOCIATE-RJ "calling AE title not recognized")
 * @param maxObjectBytes larger data sets are refused with status A700 (out of resources)
 * @param idleTimeout an association that sends nothing for this long is aborted
 */
public record StoreScpSettings(
    String aeTitle,
    int port,
    Predicate<String> callingAeAllowed,
    long maxObjectBytes,
    Duration idleTimeout) {

  public StoreScpSettings {
    Objects.requireNonNull(aeTitle, "aeTitle");
    if (aeTitle.isBlank() || aeTitle.length() > 16) {
      throw new IllegalArgumentException("AE title must be 1-16 characters: '" + aeTitle + "'");
    }
    Objects.requireNonNull(callingAeAllowed, "callingAeAllowed");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
  }
}

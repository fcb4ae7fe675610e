package ai.stratum.medical.deid;

import ai.stratum.medical.deid.internal.BasicProfile;
import java.util.Objects;

/**
 * De-identifies DICOM objects with the PS3.15 Basic Profile (identifying attributes removed or
 * emptied, unsafe private attributes removed, dates removed) and replaces every instance-specific
 * UID by {@code 2.25.<hash of secret and UID>}: the same secret maps the same UID to the same
 * replacement, so studies stay consistent across exports, and without it the originals cannot be
 * recovered.
 *
 * @param pseudonym becomes PatientID and PatientName, e.g. a subject number of the export
 */
public record Deidentification(String pseudonym, byte[] secret) {

  public Deidentification {
    Objects.requireNonNull(pseudonym, "pseudonym");
    if (secret.length < 16) {
      throw new IllegalArgumentException("the secret must have at least 16 bytes");
    }
    secret = secret.clone();
  }

  /**
   * The de-identified Part 10 object.
   *
   * @throws ai.stratum.medical.dicom.DicomFormatException when the input is not readable DICOM
   */
  public byte[] apply(byte[] part10) {
    return BasicProfile.apply(part10, pseudonym, secret);
  }
}

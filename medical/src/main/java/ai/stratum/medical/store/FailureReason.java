package ai.stratum.medical.store;

/**
 * Why an instance was refused, with the status code both DICOMweb (STOW-RS Failure Reason) and
 * DIMSE (C-STORE status) report for it.
 */
public enum FailureReason {
  /** Not DICOM, truncated or unreadable. */
  CANNOT_UNDERSTAND(0xC000),
  /** A transfer syntax Stratum does not accept. */
  UNSUPPORTED_TRANSFER_SYNTAX(0xC122),
  /** A required attribute (UIDs, pixel data of an image) is missing or malformed. */
  DATA_SET_DOES_NOT_MATCH_SOP_CLASS(0xA900),
  /**
   * A different object with the same SOP Instance UID is stored, or the UIDs contradict the index.
   */
  DUPLICATE_SOP_INSTANCE(0x0111),
  /** Larger than the configured limit. */
  OUT_OF_RESOURCES(0xA700),
  /** Stored nothing because of an internal error; safe to retry. */
  PROCESSING_FAILURE(0x0110);

  private final int dicomCode;

  FailureReason(int dicomCode) {
    this.dicomCode = dicomCode;
  }

  public int dicomCode() {
    return dicomCode;
  }
}

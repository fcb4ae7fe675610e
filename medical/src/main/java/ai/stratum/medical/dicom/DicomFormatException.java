package ai.stratum.medical.dicom;

/**
 * Bytes that are not a DICOM object Stratum can use: not DICOM at all, truncated, in a transfer
 * syntax it does not support, or missing an attribute it needs. The message says which, for the
 * sender.
 */
public class DicomFormatException extends RuntimeException {

  public DicomFormatException(String message) {
    super(message);
  }

  public DicomFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

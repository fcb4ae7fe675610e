package ai.stratum.medical.dicom;

/** The object is encoded in a transfer syntax Stratum does not accept. */
public class UnsupportedTransferSyntaxException extends DicomFormatException {

  public UnsupportedTransferSyntaxException(String transferSyntaxUid) {
    super("Transfer syntax " + transferSyntaxUid + " is not supported.");
  }
}

package ai.stratum.medical.dicom;

/**
 * A data set received in a C-STORE request, still encoded.
 *
 * @param callingAeTitle who sent it
 * @param sopClassUid the affected SOP class of the request
 * @param sopInstanceUid the affected SOP instance of the request
 * @param transferSyntaxUid the transfer syntax of the presentation context
 */
public record ReceivedDataset(
    String callingAeTitle,
    String sopClassUid,
    String sopInstanceUid,
    String transferSyntaxUid,
    byte[] dataset) {}

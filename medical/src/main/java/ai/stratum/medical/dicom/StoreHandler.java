package ai.stratum.medical.dicom;

/** What a C-STORE SCP does with each received data set; called on the association's thread. */
@FunctionalInterface
public interface StoreHandler {

  DimseStatus store(ReceivedDataset dataset);
}

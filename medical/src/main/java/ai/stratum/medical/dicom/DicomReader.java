package ai.stratum.medical.dicom;

/** Parses DICOM bytes. Implementations are thread-safe. */
public interface DicomReader {

  /**
   * Parses a DICOM file (PS3.10, with or without preamble and meta header).
   *
   * @throws DicomFormatException when the bytes are not a complete DICOM object in an accepted
   *     transfer syntax
   */
  DicomObject read(byte[] part10);

  /** Parses a bare data set, as DIMSE delivers it, encoded in {@code transferSyntaxUid}. */
  DicomObject readDataset(byte[] dataset, String transferSyntaxUid);
}

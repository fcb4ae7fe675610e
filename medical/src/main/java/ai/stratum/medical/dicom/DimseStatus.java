package ai.stratum.medical.dicom;

import java.util.Optional;

/**
 * A DIMSE response status (PS3.7 Annex C, PS3.4 B.2.3) with an optional error comment of at most 64
 * characters for the sender.
 */
public record DimseStatus(int code, Optional<String> errorComment) {

  public static final int SUCCESS = 0x0000;
  public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
  public static final int PROCESSING_FAILURE = 0x0110;
  public static final int OUT_OF_RESOURCES = 0xA700;
  public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
  public static final int CANNOT_UNDERSTAND = 0xC000;
  public static final int NOT_AUTHORIZED = 0x0124;

  public DimseStatus {
    errorComment = errorComment.map(c -> c.length() > 64 ? c.substring(0, 64) : c);
  }

  public static DimseStatus success() {
    return new DimseStatus(SUCCESS, Optional.empty());
  }

  public static DimseStatus failure(int code, String comment) {
    return new DimseStatus(code, Optional.of(comment));
  }

  public boolean isSuccess() {
    return code == SUCCESS;
  }
}

package ai.stratum.medical.store.internal;

import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.store.FailureReason;
import ai.stratum.medical.store.IngestResult;
import java.util.Optional;
import java.util.regex.Pattern;

/** What an instance needs before the store takes it. */
public final class InstanceValidator {

  private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
  private static final String IMAGE_STORAGE_PREFIX = "1.2.840.10008.5.1.4.1.1.";

  private InstanceValidator() {}

  public static Optional<IngestResult.Refused> check(DicomObject object) {
    Optional<String> sopClass = object.string(DicomTags.SOP_CLASS_UID);
    Optional<String> sopInstance = object.string(DicomTags.SOP_INSTANCE_UID);
    for (int tag :
        new int[] {
          DicomTags.SOP_CLASS_UID,
          DicomTags.SOP_INSTANCE_UID,
          DicomTags.STUDY_INSTANCE_UID,
          DicomTags.SERIES_INSTANCE_UID
        }) {
      Optional<String> uid = object.string(tag);
      if (uid.isEmpty()) {
        return refuse(
            sopClass, sopInstance, "Required attribute " + DicomTags.hex(tag) + " is missing.");
      }
      if (uid.get().length() > 64 || !UID.matcher(uid.get()).matches()) {
        return refuse(
            sopClass, sopInstance, "Attribute " + DicomTags.hex(tag) + " is not a valid UID.");
      }
    }
    boolean image = object.contains(DicomTags.ROWS) || isImageStorage(sopClass.orElseThrow());
    if (image && !object.hasPixelData()) {
      return refuse(sopClass, sopInstance, "The image has no pixel data (7FE00010).");
    }
    return Optional.empty();
  }

  /**
   * Image storage SOP classes that carry pixel data; SR, presentation states and the like do not.
   */
  private static boolean isImageStorage(String sopClass) {
    if (!sopClass.startsWith(IMAGE_STORAGE_PREFIX)) {
      return false;
    }
    String rest = sopClass.substring(IMAGE_STORAGE_PREFIX.length());
    String family = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    return switch (family) {
      case "1", "2", "3", "4", "6", "7", "12", "20", "128", "130", "77", "481" ->
          !sopClass.startsWith("1.2.840.10008.5.1.4.1.1.481.") || rest.equals("481.1");
      default -> false;
    };
  }

  private static Optional<IngestResult.Refused> refuse(
      Optional<String> sopClass, Optional<String> sopInstance, String detail) {
    return Optional.of(
        new IngestResult.Refused(
            FailureReason.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, detail, sopClass, sopInstance));
  }
}

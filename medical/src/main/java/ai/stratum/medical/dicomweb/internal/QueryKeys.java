package ai.stratum.medical.dicomweb.internal;

import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.medical.dicom.DicomTags;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** QIDO-RS query parameters: attribute keywords or tags, and the reserved keys. */
public final class QueryKeys {

  private static final Set<String> RESERVED =
      Set.of("limit", "offset", "includefield", "fuzzymatching");

  private static final Map<String, Integer> KEYWORDS =
      Map.ofEntries(
          Map.entry("StudyInstanceUID", DicomTags.STUDY_INSTANCE_UID),
          Map.entry("PatientID", DicomTags.PATIENT_ID),
          Map.entry("PatientName", DicomTags.PATIENT_NAME),
          Map.entry("StudyDate", DicomTags.STUDY_DATE),
          Map.entry("AccessionNumber", DicomTags.ACCESSION_NUMBER),
          Map.entry("StudyID", DicomTags.STUDY_ID),
          Map.entry("StudyDescription", DicomTags.STUDY_DESCRIPTION),
          Map.entry("ReferringPhysicianName", DicomTags.REFERRING_PHYSICIAN_NAME),
          Map.entry("ModalitiesInStudy", 0x00080061),
          Map.entry("SeriesInstanceUID", DicomTags.SERIES_INSTANCE_UID),
          Map.entry("Modality", DicomTags.MODALITY),
          Map.entry("SeriesNumber", DicomTags.SERIES_NUMBER),
          Map.entry("SeriesDescription", DicomTags.SERIES_DESCRIPTION),
          Map.entry("BodyPartExamined", DicomTags.BODY_PART_EXAMINED),
          Map.entry("SOPInstanceUID", DicomTags.SOP_INSTANCE_UID),
          Map.entry("SOPClassUID", DicomTags.SOP_CLASS_UID),
          Map.entry("InstanceNumber", DicomTags.INSTANCE_NUMBER));

  private QueryKeys() {}

  /** Attribute matches by tag; reserved keys are left out. */
  public static Map<Integer, String> matches(Map<String, String> parameters) {
    Map<Integer, String> matches = new HashMap<>();
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String key = parameter.getKey();
      if (RESERVED.contains(key.toLowerCase())) {
        continue;
      }
      matches.put(tag(key), parameter.getValue());
    }
    return matches;
  }

  public static int integer(
      Map<String, String> parameters, String key, int fallback, int min, int max) {
    String value = parameters.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < min || parsed > max) {
        throw new InvalidRequestException(key + " must be between " + min + " and " + max + ".");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(key + " must be an integer.");
    }
  }

  private static int tag(String key) {
    Integer tag = KEYWORDS.get(key);
    if (tag != null) {
      return tag;
    }
    if (key.matches("[0-9A-Fa-f]{8}")) {
      return (int) Long.parseLong(key, 16);
    }
    throw new InvalidRequestException("Unknown query key '" + key + "'.");
  }
}

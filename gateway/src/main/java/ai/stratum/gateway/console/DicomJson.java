package ai.stratum.gateway.console;

import ai.stratum.core.json.StratumJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the attributes the console shows from DICOM JSON (PS3.18 F.2) answers of QIDO-RS. */
final class DicomJson {

  static final String STUDY_DATE = "00080020";
  static final String MODALITIES_IN_STUDY = "00080061";
  static final String MODALITY = "00080060";
  static final String STUDY_DESCRIPTION = "00081030";
  static final String SERIES_DESCRIPTION = "0008103E";
  static final String PATIENT_NAME = "00100010";
  static final String PATIENT_ID = "00100020";
  static final String STUDY_UID = "0020000D";
  static final String SERIES_UID = "0020000E";
  static final String SERIES_NUMBER = "00200011";
  static final String INSTANCE_NUMBER = "00200013";
  static final String SOP_INSTANCE_UID = "00080018";
  static final String STUDY_INSTANCES = "00201208";
  static final String SERIES_INSTANCES = "00201209";

  private DicomJson() {}

  static List<JsonNode> items(String json) {
    List<JsonNode> items = new ArrayList<>();
    StratumJson.mapper().readTree(json).forEach(items::add);
    return items;
  }

  /** The first value of an attribute as text ("" when absent); person names by their letters. */
  static String text(JsonNode item, String tag) {
    JsonNode value = item.path(tag).path("Value").path(0);
    if (value.isObject()) {
      return value.path("Alphabetic").asString("");
    }
    return value.isMissingNode() || value.isNull() ? "" : value.asString("");
  }

  /** Every value of a multi-valued attribute, joined by {@code \}. */
  static String texts(JsonNode item, String tag) {
    List<String> values = new ArrayList<>();
    item.path(tag).path("Value").forEach(value -> values.add(value.asString("")));
    return String.join("\\", values);
  }

  static int integer(JsonNode item, String tag) {
    return item.path(tag).path("Value").path(0).asInt(0);
  }
}

package ai.stratum.medical.dicomweb.internal;

import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.store.SeriesRecord;
import ai.stratum.medical.store.StoredInstance;
import ai.stratum.medical.store.StudyRecord;
import tools.jackson.databind.node.ObjectNode;

/** QIDO-RS result objects: the attributes PS3.18 Table 10.6.3-3 to -5 require, plus counts. */
public final class QidoJson {

  private static final int RETRIEVE_URL = 0x00081190;

  private QidoJson() {}

  public static ObjectNode study(StudyRecord study, String baseUrl) {
    ObjectNode json = StratumJson.mapper().createObjectNode();
    DicomJsonNodes.string(json, DicomTags.STUDY_DATE, "DA", study.studyDate());
    DicomJsonNodes.string(json, DicomTags.STUDY_TIME, "TM", study.studyTime());
    DicomJsonNodes.string(json, DicomTags.ACCESSION_NUMBER, "SH", study.accessionNumber());
    DicomJsonNodes.string(json, 0x00080061, "CS", study.modalities().toArray(String[]::new));
    DicomJsonNodes.string(
        json, DicomTags.REFERRING_PHYSICIAN_NAME, "PN", study.referringPhysician());
    DicomJsonNodes.string(json, DicomTags.STUDY_DESCRIPTION, "LO", study.studyDescription());
    DicomJsonNodes.string(json, RETRIEVE_URL, "UR", baseUrl + "/studies/" + study.studyUid());
    DicomJsonNodes.string(json, DicomTags.PATIENT_NAME, "PN", study.patientName());
    DicomJsonNodes.string(json, DicomTags.PATIENT_ID, "LO", study.patientId());
    DicomJsonNodes.string(json, DicomTags.PATIENT_BIRTH_DATE, "DA", study.patientBirthDate());
    DicomJsonNodes.string(json, DicomTags.PATIENT_SEX, "CS", study.patientSex());
    DicomJsonNodes.string(json, DicomTags.STUDY_INSTANCE_UID, "UI", study.studyUid());
    DicomJsonNodes.string(json, DicomTags.STUDY_ID, "SH", study.studyId());
    DicomJsonNodes.integer(json, 0x00201206, "IS", study.seriesCount());
    DicomJsonNodes.integer(json, 0x00201208, "IS", study.instanceCount());
    return json;
  }

  public static ObjectNode series(SeriesRecord series, String baseUrl) {
    ObjectNode json = StratumJson.mapper().createObjectNode();
    DicomJsonNodes.string(json, DicomTags.MODALITY, "CS", series.modality());
    DicomJsonNodes.string(json, DicomTags.SERIES_DESCRIPTION, "LO", series.seriesDescription());
    DicomJsonNodes.string(
        json,
        RETRIEVE_URL,
        "UR",
        baseUrl + "/studies/" + series.studyUid() + "/series/" + series.seriesUid());
    DicomJsonNodes.string(json, DicomTags.BODY_PART_EXAMINED, "CS", series.bodyPart());
    DicomJsonNodes.string(json, DicomTags.STUDY_INSTANCE_UID, "UI", series.studyUid());
    DicomJsonNodes.string(json, DicomTags.SERIES_INSTANCE_UID, "UI", series.seriesUid());
    DicomJsonNodes.integer(json, DicomTags.SERIES_NUMBER, "IS", series.seriesNumber());
    DicomJsonNodes.integer(json, 0x00201209, "IS", series.instanceCount());
    return json;
  }

  public static ObjectNode instance(StoredInstance instance, String baseUrl) {
    ObjectNode json = StratumJson.mapper().createObjectNode();
    DicomJsonNodes.string(json, DicomTags.SOP_CLASS_UID, "UI", instance.sopClassUid());
    DicomJsonNodes.string(json, DicomTags.SOP_INSTANCE_UID, "UI", instance.sopInstanceUid());
    DicomJsonNodes.string(json, RETRIEVE_URL, "UR", instanceUrl(instance, baseUrl));
    DicomJsonNodes.string(json, DicomTags.STUDY_INSTANCE_UID, "UI", instance.studyUid());
    DicomJsonNodes.string(json, DicomTags.SERIES_INSTANCE_UID, "UI", instance.seriesUid());
    DicomJsonNodes.integer(json, DicomTags.INSTANCE_NUMBER, "IS", instance.instanceNumber());
    DicomJsonNodes.integer(json, DicomTags.ROWS, "US", instance.rows());
    DicomJsonNodes.integer(json, DicomTags.COLUMNS, "US", instance.columns());
    DicomJsonNodes.integer(json, DicomTags.NUMBER_OF_FRAMES, "IS", instance.numberOfFrames());
    return json;
  }

  public static String instanceUrl(StoredInstance instance, String baseUrl) {
    return baseUrl
        + "/studies/"
        + instance.studyUid()
        + "/series/"
        + instance.seriesUid()
        + "/instances/"
        + instance.sopInstanceUid();
  }
}

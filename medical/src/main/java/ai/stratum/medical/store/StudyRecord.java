package ai.stratum.medical.store;

import java.util.List;

/** A study as QIDO-RS reports it. */
public record StudyRecord(
    String studyUid,
    String patientId,
    String patientName,
    String patientBirthDate,
    String patientSex,
    String studyDate,
    String studyTime,
    String accessionNumber,
    String studyId,
    String studyDescription,
    String referringPhysician,
    List<String> modalities,
    int seriesCount,
    int instanceCount) {}

package ai.stratum.medical.store;

import org.jspecify.annotations.Nullable;

/** A series as QIDO-RS reports it. */
public record SeriesRecord(
    String studyUid,
    String seriesUid,
    String modality,
    @Nullable Integer seriesNumber,
    String seriesDescription,
    String bodyPart,
    int instanceCount) {}

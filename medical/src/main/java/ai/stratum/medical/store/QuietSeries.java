package ai.stratum.medical.store;

import ai.stratum.core.tenancy.TenantId;

/** A series that received no instance for the quiet period and is now considered complete. */
public record QuietSeries(TenantId tenant, String studyUid, String seriesUid, int instanceCount) {}

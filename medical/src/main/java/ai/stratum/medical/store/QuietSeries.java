package ai.stratum.medical.store;

import ai.stratum.core.tenancy.TenantId;
import java.util.UUID;

/**
 * A series that received no instance for the quiet period and is now considered complete, claimed
 * for volume assembly under {@code claimToken}.
 */
public record QuietSeries(
    TenantId tenant, String studyUid, String seriesUid, int instanceCount, UUID claimToken) {}

package ai.stratum.medical.store;

import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.tenancy.TenantId;
import org.jspecify.annotations.Nullable;

/** An indexed instance and where its canonical Part 10 bytes are. */
public record StoredInstance(
    TenantId tenant,
    String studyUid,
    String seriesUid,
    String sopInstanceUid,
    String sopClassUid,
    @Nullable Integer instanceNumber,
    String transferSyntaxUid,
    @Nullable Integer rows,
    @Nullable Integer columns,
    @Nullable Integer numberOfFrames,
    ContentAddress address,
    long sizeBytes) {}

package ai.stratum.gateway.tenancy;

import ai.stratum.core.tenancy.TenantId;
import java.time.Instant;

/** A hospital, a bank, or {@code platform} (the operators). */
public record Tenant(TenantId id, String name, Instant createdAt) {}

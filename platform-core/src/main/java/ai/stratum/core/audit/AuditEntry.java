package ai.stratum.core.audit;

import ai.stratum.core.tenancy.TenantId;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A stored audit entry: the event, its position in the chain, when it was recorded (microsecond
 * precision), the hash of the entry before it ({@code 64 zeros} for the first) and its own hash,
 * both as lower-case hex SHA-256.
 */
public record AuditEntry(
    long sequence,
    TenantId tenant,
    String actor,
    String action,
    String target,
    JsonNode details,
    Instant time,
    String previousHash,
    String hash) {}

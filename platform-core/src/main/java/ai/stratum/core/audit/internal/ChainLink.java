package ai.stratum.core.audit.internal;

import java.time.Instant;

/**
 * An audit row exactly as stored: the fields are kept as text (details as the canonical JSON that
 * was hashed) so verification hashes the stored bytes, not a re-encoding of them.
 */
public record ChainLink(
    long sequence,
    String tenant,
    String actor,
    String action,
    String target,
    String details,
    Instant time,
    String previousHash,
    String hash) {}

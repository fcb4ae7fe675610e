package ai.stratum.finance.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A label as a bank or an analyst submits it; the tenant comes from the tenant header.
 *
 * @param labelledAt when the truth became known; now if absent
 */
record LabelRequest(
    @Nullable String transactionId,
    @Nullable Boolean fraud,
    @Nullable String source,
    @Nullable String pattern,
    @Nullable Instant labelledAt) {}

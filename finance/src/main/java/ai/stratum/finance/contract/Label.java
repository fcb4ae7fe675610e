package ai.stratum.finance.contract;

import ai.stratum.core.tenancy.TenantId;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The ground truth for one transaction, published to {@code finance.labels} keyed by transaction
 * id: fraud or legitimate, who said so ({@code chargeback}, {@code analyst}, {@code simulator}...),
 * when, and optionally the fraud pattern.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Label(
    String transactionId,
    TenantId tenantId,
    boolean fraud,
    String source,
    Instant labelledAt,
    @Nullable String pattern) {}

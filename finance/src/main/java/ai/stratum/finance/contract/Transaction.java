package ai.stratum.finance.contract;

import ai.stratum.core.tenancy.TenantId;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A card transaction as transaction.schema.json defines it. Optional fields are null when absent.
 * Instances built by {@link TransactionReader} have passed the schema; the simulator builds them
 * directly and the contract tests check that their JSON passes too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transaction(
    String transactionId,
    TenantId tenantId,
    String cardId,
    String accountId,
    @Nullable String customerId,
    String merchantId,
    @Nullable String merchantCategoryCode,
    @Nullable String merchantCountry,
    double amount,
    String currency,
    Instant timestamp,
    Channel channel,
    @Nullable EntryMode entryMode,
    @Nullable String deviceId,
    @Nullable String ipAddress,
    @Nullable Double latitude,
    @Nullable Double longitude,
    @Nullable Boolean cardPresent) {

  public Transaction {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(channel, "channel");
  }

  /** Whether the transaction carries a usable location. */
  public boolean hasLocation() {
    return latitude != null && longitude != null;
  }

  /** Card-present when stated; otherwise inferred from a physical channel. */
  public boolean isCardPresent() {
    if (cardPresent != null) {
      return cardPresent;
    }
    return channel == Channel.POS || channel == Channel.ATM;
  }
}

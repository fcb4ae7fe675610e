package ai.stratum.finance.contract;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidField;
import ai.stratum.finance.contract.internal.ContractSchema;
import ai.stratum.finance.contract.internal.PlainDateTime;
import ai.stratum.finance.contract.internal.PlainTransactionCheck;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads transaction records (UTF-8 JSON) and checks them against transaction.schema.json. Used by
 * the Kafka stream and the synchronous score endpoint alike, so both refuse the same inputs.
 * Thread-safe.
 */
public final class TransactionReader {

  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // duplicate names are refused as the tree is built: the parser's own duplicate check
          // (STRICT_DUPLICATE_DETECTION) kept a second set of names per object
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  private final ContractSchema schema = ContractSchema.transaction();
  private final int maxRecordBytes;

  /**
   * @param maxRecordBytes records above this size are refused unread
   */
  public TransactionReader(int maxRecordBytes) {
    if (maxRecordBytes < 256) {
      throw new IllegalArgumentException("maxRecordBytes must be >= 256, got " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  public ReadResult read(byte @Nullable [] value) {
    if (value == null || value.length == 0) {
      return new ReadResult.Rejected(
          RejectionReason.MALFORMED_JSON, "empty record: expected a JSON object", List.of());
    }
    if (value.length > maxRecordBytes) {
      return new ReadResult.Rejected(
          RejectionReason.OVERSIZED,
          "record of " + value.length + " bytes exceeds the limit of " + maxRecordBytes,
          List.of());
    }
    JsonNode node;
    try {
      node = STRICT.readTree(value);
    } catch (JacksonException e) {
      return new ReadResult.Rejected(
          RejectionReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage(), List.of());
    }
    if (node == null || node.isMissingNode()) {
      return new ReadResult.Rejected(
          RejectionReason.MALFORMED_JSON, "no JSON value in the record", List.of());
    }
    List<InvalidField> violations =
        PlainTransactionCheck.passes(node) ? List.of() : schema.validate(node);
    if (!violations.isEmpty()) {
      return new ReadResult.Rejected(
          RejectionReason.SCHEMA_VIOLATION, summary(violations), violations);
    }
    return toTransaction(node);
  }

  private static ReadResult toTransaction(JsonNode node) {
    TenantId tenant;
    try {
      tenant = TenantId.of(text(node, "tenantId"));
    } catch (IllegalArgumentException e) {
      return new ReadResult.Rejected(
          RejectionReason.INVALID_TENANT,
          "tenantId must be 1-63 lower-case letters, digits or '-'",
          List.of(new InvalidField("tenantId", "not a Stratum tenant id")));
    }
    String timestampText = text(node, "timestamp");
    Instant timestamp = PlainDateTime.parse(timestampText);
    try {
      if (timestamp == null) {
        timestamp = OffsetDateTime.parse(timestampText.toUpperCase(Locale.ROOT)).toInstant();
      }
    } catch (DateTimeParseException e) {
      InvalidField field = new InvalidField("timestamp", "not an RFC 3339 date-time");
      return new ReadResult.Rejected(
          RejectionReason.SCHEMA_VIOLATION, summary(List.of(field)), List.of(field));
    }
    String entryMode = optionalText(node, "entryMode");
    return new ReadResult.Accepted(
        new Transaction(
            text(node, "transactionId"),
            tenant,
            text(node, "cardId"),
            text(node, "accountId"),
            optionalText(node, "customerId"),
            text(node, "merchantId"),
            optionalText(node, "merchantCategoryCode"),
            optionalText(node, "merchantCountry"),
            node.get("amount").doubleValue(),
            text(node, "currency"),
            timestamp,
            Channel.valueOf(text(node, "channel")),
            entryMode == null ? null : EntryMode.valueOf(entryMode),
            optionalText(node, "deviceId"),
            optionalText(node, "ipAddress"),
            optionalDouble(node, "latitude"),
            optionalDouble(node, "longitude"),
            node.hasNonNull("cardPresent") ? node.get("cardPresent").booleanValue() : null));
  }

  private static String summary(List<InvalidField> violations) {
    StringBuilder summary = new StringBuilder("breaks transaction.schema.json: ");
    for (int i = 0; i < violations.size(); i++) {
      if (i > 0) {
        summary.append("; ");
      }
      InvalidField violation = violations.get(i);
      summary.append(violation.field()).append(' ').append(violation.message());
    }
    return summary.toString();
  }

  private static String text(JsonNode node, String field) {
    return node.get(field).stringValue();
  }

  private static @Nullable String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.stringValue();
  }

  private static @Nullable Double optionalDouble(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.doubleValue();
  }
}

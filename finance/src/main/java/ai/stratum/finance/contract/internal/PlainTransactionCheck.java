package ai.stratum.finance.contract.internal;

import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A conservative hand-written reading of transaction.schema.json: {@link #passes} is true only for
 * records that certainly satisfy the schema, in the plain form banks send (every check is at least
 * as strict as the schema's). Anything else, including valid records in an unusual form, goes to
 * the full {@link ContractSchema} validator, so every refusal and its reasons still come from the
 * schema itself. The generic validator allocates a path object per keyword and parses numbers into
 * BigDecimal; for the common valid record this check costs a fraction of that. Thread-safe.
 */
public final class PlainTransactionCheck {

  private static final String[] REQUIRED_IDS = {
    "transactionId", "tenantId", "cardId", "accountId", "merchantId"
  };
  private static final Set<String> CHANNELS = Set.of("POS", "ECOM", "ATM", "MOTO", "TRANSFER");
  private static final Set<String> ENTRY_MODES =
      Set.of("CHIP", "SWIPE", "CONTACTLESS", "MANUAL", "TOKEN");

  private PlainTransactionCheck() {}

  /** True only if {@code node} satisfies transaction.schema.json. */
  public static boolean passes(JsonNode node) {
    if (!node.isObject()) {
      return false;
    }
    for (String id : REQUIRED_IDS) {
      if (!string(node.get(id), 1, 64)) {
        return false;
      }
    }
    return optionalString(node.get("customerId"), 64)
        && optionalString(node.get("deviceId"), 128)
        && optionalString(node.get("ipAddress"), 45)
        && number(node.get("amount"), 0, false, 10_000_000, true)
        && capitals(node.get("currency"), 3)
        && optional(node.get("merchantCategoryCode"), PlainTransactionCheck::fourDigits)
        && optional(node.get("merchantCountry"), value -> capitals(value, 2))
        && dateTime(node.get("timestamp"))
        && oneOf(node.get("channel"), CHANNELS)
        && optional(node.get("entryMode"), value -> oneOf(value, ENTRY_MODES))
        && optional(node.get("latitude"), value -> number(value, -90, true, 90, true))
        && optional(node.get("longitude"), value -> number(value, -180, true, 180, true))
        && optional(node.get("cardPresent"), JsonNode::isBoolean);
  }

  private static boolean optional(JsonNode value, Predicate<JsonNode> check) {
    return value == null || check.test(value);
  }

  /** A string of at most {@code max} chars: code points never outnumber UTF-16 chars. */
  private static boolean optionalString(JsonNode value, int max) {
    return value == null || string(value, 0, max);
  }

  private static boolean string(JsonNode value, int min, int max) {
    if (value == null || !value.isString()) {
      return false;
    }
    String text = value.stringValue();
    // a non-empty string has at least one code point; length() is an upper bound of the count
    return text.length() >= min && text.length() <= max;
  }

  private static boolean number(
      JsonNode value, double min, boolean minInclusive, double max, boolean maxInclusive) {
    if (value == null || !value.isNumber() || value.isBigDecimal() || value.isBigInteger()) {
      return false;
    }
    double x = value.doubleValue();
    return (minInclusive ? x >= min : x > min) && (maxInclusive ? x <= max : x < max);
  }

  private static boolean capitals(JsonNode value, int length) {
    if (value == null || !value.isString()) {
      return false;
    }
    String text = value.stringValue();
    if (text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  private static boolean fourDigits(JsonNode value) {
    if (!value.isString()) {
      return false;
    }
    String text = value.stringValue();
    return text.length() == 4 && PlainDateTime.digits(text, 0, 4);
  }

  private static boolean oneOf(JsonNode value, Set<String> allowed) {
    return value != null && value.isString() && allowed.contains(value.stringValue());
  }

  private static boolean dateTime(JsonNode value) {
    return value != null && value.isString() && PlainDateTime.parse(value.stringValue()) != null;
  }
}

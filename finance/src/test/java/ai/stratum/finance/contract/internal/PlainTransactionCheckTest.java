package ai.stratum.finance.contract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain check may only ever accept what transaction.schema.json accepts (refusals and their
 * reasons always come from the schema validator), and it must accept the records banks actually
 * send, or the stream gains nothing.
 */
class PlainTransactionCheckTest {

  private static final ContractSchema SCHEMA = ContractSchema.transaction();

  /** Parses like the transaction reader: default number handling (floats as doubles). */
  private static final JsonMapper READER = JsonMapper.builder().build();

  /** A valid record as field name and raw JSON value, in order. */
  private static final List<Map.Entry<String, String>> BASE =
      List.of(
          Map.entry("transactionId", "\"t-1\""),
          Map.entry("tenantId", "\"bank-a\""),
          Map.entry("cardId", "\"c-1\""),
          Map.entry("accountId", "\"a-1\""),
          Map.entry("customerId", "\"u-1\""),
          Map.entry("merchantId", "\"m-1\""),
          Map.entry("merchantCategoryCode", "\"5411\""),
          Map.entry("merchantCountry", "\"GB\""),
          Map.entry("amount", "12.5"),
          Map.entry("currency", "\"GBP\""),
          Map.entry("timestamp", "\"2026-01-05T10:15:30.250+01:00\""),
          Map.entry("channel", "\"POS\""),
          Map.entry("entryMode", "\"CHIP\""),
          Map.entry("deviceId", "\"d-1\""),
          Map.entry("ipAddress", "\"10.0.0.1\""),
          Map.entry("latitude", "51.5"),
          Map.entry("longitude", "-0.12"),
          Map.entry("cardPresent", "true"),
          Map.entry("someFutureField", "1"));

  /** JSON values tried in every field: valid somewhere, invalid elsewhere, and edge cases. */
  private static final List<String> VALUES =
      List.of(
          "null",
          "\"\"",
          "\"a\"",
          "\"A\"",
          "\"0\"",
          "\"1234\"",
          "\"123\"",
          "\"12345\"",
          "\"12a4\"",
          "\"1234\\n\"",
          "\"GB\"",
          "\"gb\"",
          "\"G1\"",
          "\"GBP\"",
          "\"GBPX\"",
          "\"ÄBC\"",
          "\"POS\"",
          "\"pos\"",
          "\"ECOM\"",
          "\"ATM\"",
          "\"MOTO\"",
          "\"TRANSFER\"",
          "\"CHIP\"",
          "\"SWIPE\"",
          "\"CONTACTLESS\"",
          "\"MANUAL\"",
          "\"TOKEN\"",
          "\"" + "x".repeat(45) + "\"",
          "\"" + "x".repeat(46) + "\"",
          "\"" + "x".repeat(64) + "\"",
          "\"" + "x".repeat(65) + "\"",
          "\"" + "x".repeat(128) + "\"",
          "\"" + "x".repeat(129) + "\"",
          "\"" + "\uD83D\uDE00".repeat(40) + "\"",
          "\"" + "\uD83D\uDE00".repeat(64) + "\"",
          "0",
          "-0.0",
          "1",
          "-1",
          "0.5",
          "1e-300",
          "12.5",
          "90",
          "90.0",
          "90.000001",
          "-90",
          "-90.5",
          "180",
          "-180",
          "180.5",
          "10000000",
          "10000000.0",
          "10000000.01",
          "1e7",
          "1e400",
          "123456789012345678901234567890",
          "0.1000000000000000000000000000001",
          "true",
          "false",
          "\"true\"",
          "[]",
          "[\"a\"]",
          "{}",
          "{\"a\":1}",
          "\"2026-01-05T10:15:30Z\"",
          "\"2026-01-05T10:15:30.1Z\"",
          "\"2026-01-05T10:15:30.123456789Z\"",
          "\"2026-01-05T10:15:30.1234567890Z\"",
          "\"2026-01-05T10:15:30.Z\"",
          "\"2026-01-05t10:15:30z\"",
          "\"2026-01-05 10:15:30Z\"",
          "\"2026-01-05T10:15:30\"",
          "\"2026-01-05T10:15Z\"",
          "\"2026-01-05\"",
          "\"2026-01-05T10:15:30+01:00\"",
          "\"2026-01-05T10:15:30-05:30\"",
          "\"2026-01-05T10:15:30+0100\"",
          "\"2026-01-05T10:15:30+17:59\"",
          "\"2026-01-05T10:15:30+18:00\"",
          "\"2026-01-05T10:15:30+23:59\"",
          "\"2026-01-05T10:15:30+24:00\"",
          "\"2026-01-05T10:15:30+01:60\"",
          "\"2026-01-05T10:15:30-00:00\"",
          "\"2026-01-05T24:00:00Z\"",
          "\"2026-01-05T23:60:00Z\"",
          "\"2026-12-31T23:59:60Z\"",
          "\"2026-01-05T23:59:59Z\"",
          "\"2026-00-05T10:15:30Z\"",
          "\"2026-13-05T10:15:30Z\"",
          "\"2026-01-00T10:15:30Z\"",
          "\"2026-01-32T10:15:30Z\"",
          "\"2026-04-31T10:15:30Z\"",
          "\"2024-02-29T10:15:30Z\"",
          "\"2026-02-29T10:15:30Z\"",
          "\"1900-02-29T10:15:30Z\"",
          "\"2000-02-29T10:15:30Z\"",
          "\"0000-01-01T00:00:00Z\"",
          "\"0001-01-01T00:00:00Z\"",
          "\"9999-12-31T23:59:59Z\"",
          "\"+2026-01-05T10:15:30Z\"",
          "\"2026-1-5T10:15:30Z\"",
          "\"２０２６-01-05T10:15:30Z\"",
          "\"2026-01-05T10:15:30Z \"");

  @Test
  void acceptsNothingTheSchemaRefuses() {
    List<String> records = new ArrayList<>();
    records.add(record("", null));
    for (Map.Entry<String, String> base : BASE) {
      records.add(record(base.getKey(), null));
      for (String value : VALUES) {
        records.add(record(base.getKey(), value));
      }
    }
    records.add("[]");
    records.add("\"text\"");
    records.add("42");
    records.add("null");
    records.add("{}");

    int accepted = 0;
    int schemaAccepted = 0;
    for (String json : records) {
      JsonNode node = READER.readTree(json);
      boolean schemaValid = SCHEMA.validate(node).isEmpty();
      if (PlainTransactionCheck.passes(node)) {
        accepted++;
        assertThat(schemaValid).as("the schema refuses %s", json).isTrue();
      }
      if (schemaValid) {
        schemaAccepted++;
      }
    }
    // many variants are valid; the check takes most of them and leaves only unusual forms
    assertThat(schemaAccepted).isGreaterThan(300);
    assertThat(accepted).isGreaterThan(schemaAccepted * 3 / 4);
  }

  @Test
  void acceptsEverySimulatedTransaction() {
    TransactionSimulator simulator =
        new TransactionSimulator(
            SimulatorSettings.standard(31, Instant.parse("2026-06-01T00:00:00Z")));
    for (int i = 0; i < 20_000; i++) {
      byte[] json = StratumJson.mapper().writeValueAsBytes(simulator.next().transaction());
      JsonNode node = READER.readTree(json);
      assertThat(PlainTransactionCheck.passes(node)).as("%s", node).isTrue();
      assertThat(SCHEMA.validate(node)).isEmpty();
    }
  }

  /** The base record with {@code field}'s raw JSON value replaced, or left out when null. */
  private static String record(String field, String replacement) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> entry : BASE) {
      String value = entry.getKey().equals(field) ? replacement : entry.getValue();
      if (value != null) {
        json.append(json.length() > 1 ? "," : "")
            .append('"')
            .append(entry.getKey())
            .append("\":")
            .append(value);
      }
    }
    return json.append('}').toString();
  }
}

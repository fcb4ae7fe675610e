package ai.stratum.finance.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionReaderTest {

  private final TransactionReader reader = new TransactionReader(4096);

  static String valid(String overrides) {
    return """
    {"transactionId":"t-1","tenantId":"bank-a","cardId":"c-1","accountId":"a-1","merchantId":"m-1",
     "merchantCategoryCode":"5411","merchantCountry":"GB","amount":12.5,"currency":"GBP",
     "timestamp":"2026-01-05T10:15:30.250+01:00","channel":"POS","entryMode":"CHIP",
     "latitude":51.5,"longitude":-0.12,"cardPresent":true,"someFutureField":1%s}
    """
        .formatted(overrides);
  }

  private ReadResult read(String json) {
    return reader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsAValidTransactionAndIgnoresUnknownFields() {
    ReadResult result = read(valid(""));

    assertThat(result).isInstanceOf(ReadResult.Accepted.class);
    Transaction tx = ((ReadResult.Accepted) result).transaction();
    assertThat(tx.transactionId()).isEqualTo("t-1");
    assertThat(tx.tenantId().value()).isEqualTo("bank-a");
    assertThat(tx.amount()).isEqualTo(12.5);
    assertThat(tx.timestamp()).isEqualTo(Instant.parse("2026-01-05T09:15:30.250Z"));
    assertThat(tx.channel()).isEqualTo(Channel.POS);
    assertThat(tx.entryMode()).isEqualTo(EntryMode.CHIP);
    assertThat(tx.deviceId()).isNull();
  }

  @Test
  void readsTimestampsInEveryRfc3339FormToTheSameInstant() {
    for (String form :
        new String[] {
          "2026-01-05T10:15:30.250+01:00",
          "2026-01-05t10:15:30.25+01:00",
          "2026-01-05T09:15:30.250000000Z",
          "2026-01-05T09:15:30.250z",
          "2026-01-04T21:15:30.250-12:00",
          "2026-01-06T03:15:30.250+18:00"
        }) {
      ReadResult result = read(valid("").replace("2026-01-05T10:15:30.250+01:00", form));

      assertThat(result).as(form).isInstanceOf(ReadResult.Accepted.class);
      assertThat(((ReadResult.Accepted) result).transaction().timestamp())
          .as(form)
          .isEqualTo(Instant.parse("2026-01-05T09:15:30.250Z"));
    }
  }

  @Test
  void refusesMalformedJsonAsMalformed() {
    assertRejected(read("{\"transactionId\": \"t-1\","), RejectionReason.MALFORMED_JSON);
    assertRejected(read(valid("") + " trailing"), RejectionReason.MALFORMED_JSON);
    assertRejected(read("{\"a\":1,\"a\":2}"), RejectionReason.MALFORMED_JSON);
    assertRejected(read(valid(",\"amount\":99")), RejectionReason.MALFORMED_JSON);
    assertRejected(
        read(valid(",\"someFutureField\":{\"x\":1,\"x\":2}")), RejectionReason.MALFORMED_JSON);
    assertRejected(
        reader.read(new byte[] {(byte) 0xff, (byte) 0xfe, '{'}), RejectionReason.MALFORMED_JSON);
    assertRejected(reader.read(new byte[0]), RejectionReason.MALFORMED_JSON);
  }

  @Test
  void refusesSchemaViolationsNamingTheFields() {
    ReadResult.Rejected negative =
        assertRejected(
            read(valid("").replace("\"amount\":12.5", "\"amount\":-3")),
            RejectionReason.SCHEMA_VIOLATION);
    assertThat(negative.detail()).contains("amount").doesNotContain("-3");

    ReadResult.Rejected missing =
        assertRejected(
            read(valid("").replace("\"cardId\":\"c-1\",", "")), RejectionReason.SCHEMA_VIOLATION);
    assertThat(missing.violations())
        .anySatisfy(field -> assertThat(field.field()).isEqualTo("cardId"));

    ReadResult.Rejected amount =
        assertRejected(
            read(valid("").replace("\"amount\":12.5", "\"amount\":0")),
            RejectionReason.SCHEMA_VIOLATION);
    assertThat(amount.violations())
        .anySatisfy(field -> assertThat(field.field()).contains("amount"));

    assertRejected(read(valid("").replace("\"GBP\"", "\"gbp\"")), RejectionReason.SCHEMA_VIOLATION);
    assertRejected(
        read(valid("").replace("\"POS\"", "\"CARRIER_PIGEON\"")), RejectionReason.SCHEMA_VIOLATION);
    assertRejected(
        read(valid("").replace("2026-01-05T10:15:30.250+01:00", "yesterday")),
        RejectionReason.SCHEMA_VIOLATION);
    assertRejected(
        read(valid("").replace("\"latitude\":51.5", "\"latitude\":95")),
        RejectionReason.SCHEMA_VIOLATION);
    assertRejected(read("[1,2,3]"), RejectionReason.SCHEMA_VIOLATION);
  }

  @Test
  void refusesOversizedRecordsUnread() {
    String padded = valid(",\"padding\":\"" + "x".repeat(5000) + "\"");

    ReadResult.Rejected rejected = assertRejected(read(padded), RejectionReason.OVERSIZED);

    assertThat(rejected.detail()).contains("4096");
  }

  @Test
  void refusesTenantIdsThatAreNotStratumTenants() {
    assertRejected(
        read(valid("").replace("\"bank-a\"", "\"Bank A\"")), RejectionReason.INVALID_TENANT);
  }

  private static ReadResult.Rejected assertRejected(ReadResult result, RejectionReason reason) {
    assertThat(result).isInstanceOf(ReadResult.Rejected.class);
    ReadResult.Rejected rejected = (ReadResult.Rejected) result;
    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.detail()).isNotBlank();
    return rejected;
  }
}

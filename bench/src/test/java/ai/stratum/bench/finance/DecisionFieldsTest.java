package ai.stratum.bench.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionFieldsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-06-01T00:00:00Z",
        "2026-11-27T04:02:17.123Z",
        "2024-02-29T23:59:59.999999Z",
        "1999-12-31T12:30:45.000000001Z"
      })
  void readsInstantsAsInstantParseDoes(String instant) {
    byte[] text = ("x\"" + instant + "\"").getBytes(StandardCharsets.US_ASCII);

    assertThat(DecisionFields.epochMillis(text, 2))
        .isEqualTo(Instant.parse(instant).toEpochMilli());
  }

  @Test
  void readsTheFieldsOfADecision() {
    byte[] decision =
        ("{\"transactionId\":\"tx-42\",\"tenantId\":\"bank-a\",\"score\":0.01,"
                + "\"receivedAt\":\"2026-06-01T10:15:30.123456Z\","
                + "\"decidedAt\":\"2026-06-01T10:15:30.125Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(DecisionFields.transactionId(decision)).isEqualTo("tx-42");
    assertThat(DecisionFields.receivedAtMillis(decision))
        .isEqualTo(Instant.parse("2026-06-01T10:15:30.123Z").toEpochMilli());
    assertThat(DecisionFields.decidedAtMillis(decision))
        .isEqualTo(Instant.parse("2026-06-01T10:15:30.125Z").toEpochMilli());
  }

  @Test
  void refusesADecisionWithoutTheField() {
    byte[] decision = "{\"transactionId\":\"tx-42\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> DecisionFields.decidedAtMillis(decision))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decidedAt");
  }
}

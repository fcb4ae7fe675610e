package ai.stratum.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.core.tenancy.TenantId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventEnvelopeSerdeTest {

  record Decision(String transactionId, BigDecimal score, boolean blocked) {}

  private static final EventEnvelope<Decision> DECISION =
      new EventEnvelope<>(
          UUID.fromString("1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b"),
          TenantId.of("first-bank"),
          "finance.decision",
          Instant.parse("2026-05-04T03:02:01.5Z"),
          new Decision("tx-1", new BigDecimal("0.93"), true));

  @Test
  void roundTripsAnEnvelopeWithItsPayloadType() {
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = new EventEnvelopeSerializer().serialize("finance.decisions", headers, DECISION);

    EventEnvelope<Decision> read =
        new EventEnvelopeDeserializer<>(Decision.class).deserialize("finance.decisions", bytes);

    assertThat(read).isEqualTo(DECISION);
  }

  @Test
  void writesTenantAsStringAndTimeAsIso8601() {
    String json =
        new String(
            new EventEnvelopeSerializer().serialize("finance.decisions", DECISION),
            StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"tenant\":\"first-bank\"")
        .contains("\"time\":\"2026-05-04T03:02:01.500Z\"")
        .contains("\"type\":\"finance.decision\"");
  }

  @Test
  void copiesIdTenantTypeAndTimeIntoHeaders() {
    RecordHeaders headers = new RecordHeaders();

    new EventEnvelopeSerializer().serialize("finance.decisions", headers, DECISION);

    assertThat(header(headers, EventHeaders.ID)).isEqualTo(DECISION.id().toString());
    assertThat(header(headers, EventHeaders.TENANT)).isEqualTo("first-bank");
    assertThat(header(headers, EventHeaders.TYPE)).isEqualTo("finance.decision");
    assertThat(header(headers, EventHeaders.TIME)).isEqualTo("2026-05-04T03:02:01.500Z");
  }

  @Test
  void toleratesFieldsAddedByNewerProducers() {
    String json =
        "{\"id\":\"1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b\",\"tenant\":\"first-bank\","
            + "\"type\":\"finance.decision\",\"time\":\"2026-05-04T03:02:01.5Z\",\"schema\":2,"
            + "\"payload\":{\"transactionId\":\"tx-1\",\"score\":0.93,\"blocked\":true,\"model\":\"v9\"}}";

    EventEnvelope<Decision> read =
        new EventEnvelopeDeserializer<>(Decision.class)
            .deserialize("finance.decisions", json.getBytes(StandardCharsets.UTF_8));

    assertThat(read).isEqualTo(DECISION);
  }

  @Test
  void rejectsRecordsThatAreNotEnvelopes() {
    EventEnvelopeDeserializer<Decision> deserializer =
        new EventEnvelopeDeserializer<>(Decision.class);

    assertThatThrownBy(
            () -> deserializer.deserialize("t", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() ->
            deserializer.deserialize(
                "t", "{\"type\":\"x\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void passesTombstonesThroughAsNull() {
    assertThat(new EventEnvelopeSerializer().serialize("t", new RecordHeaders(), null)).isNull();
    assertThat(new EventEnvelopeDeserializer<>(Decision.class).deserialize("t", null)).isNull();
  }

  private static String header(RecordHeaders headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

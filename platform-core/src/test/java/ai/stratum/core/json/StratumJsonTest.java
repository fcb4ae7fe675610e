package ai.stratum.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.core.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StratumJsonTest {

  record Sample(TenantId tenant, Instant at, Duration took) {}

  @Test
  void writesInstantsAndDurationsAsIso8601Strings() {
    String json =
        StratumJson.mapper()
            .writeValueAsString(
                new Sample(
                    TenantId.of("acme"),
                    Instant.parse("2026-03-01T10:15:30.123Z"),
                    Duration.ofMillis(1500)));

    assertThat(json)
        .isEqualTo("{\"tenant\":\"acme\",\"at\":\"2026-03-01T10:15:30.123Z\",\"took\":\"PT1.5S\"}");
  }

  @Test
  void ignoresUnknownPropertiesFromNewerProducers() {
    Sample sample =
        StratumJson.mapper()
            .readValue(
                "{\"tenant\":\"acme\",\"at\":\"2026-03-01T10:15:30Z\",\"took\":\"PT1S\","
                    + "\"addedLater\":{\"x\":1}}",
                Sample.class);

    assertThat(sample)
        .isEqualTo(
            new Sample(
                TenantId.of("acme"), Instant.parse("2026-03-01T10:15:30Z"), Duration.ofSeconds(1)));
  }

  @Test
  void rejectsInvalidTenantIdWhenReading() {
    assertThatThrownBy(() ->
            StratumJson.mapper()
                .readValue(
                    "{\"tenant\":\"Not Valid\",\"at\":\"2026-03-01T10:15:30Z\",\"took\":\"PT1S\"}",
                    Sample.class))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
  }
}

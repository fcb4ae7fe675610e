package ai.stratum.core.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON settings every Stratum contract uses: instants as ISO-8601 strings, durations as
 * ISO-8601 strings, and unknown properties ignored so a newer producer does not break an older
 * consumer. Spring's JsonMapper gets the same settings through {@link JsonAutoConfiguration}; code
 * outside Spring (Kafka serdes) uses {@link #mapper()}.
 */
public final class StratumJson {

  private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

  private StratumJson() {}

  /** A shared, immutable mapper with the Stratum settings. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Applies the Stratum settings to a builder, so callers can add modules on top. */
  public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}

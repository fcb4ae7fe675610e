package ai.stratum.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.core.json.StratumJson;
import org.junit.jupiter.api.Test;

class TenantIdTest {

  @Test
  void isWrittenAndReadAsBareJsonString() {
    String json = StratumJson.mapper().writeValueAsString(TenantId.of("st-marys"));

    assertThat(json).isEqualTo("\"st-marys\"");
    assertThat(StratumJson.mapper().readValue(json, TenantId.class))
        .isEqualTo(TenantId.of("st-marys"));
  }

  @Test
  void rejectsUpperCaseAndPunctuation() {
    assertThatThrownBy(() -> TenantId.of("Acme")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TenantId.of("acme/../x")).isInstanceOf(IllegalArgumentException.class);
  }
}

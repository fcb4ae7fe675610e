package ai.stratum.core.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.json.StratumJson;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void sortsKeysAtEveryLevelAndDropsWhitespace() {
    var node =
        StratumJson.mapper()
            .readTree("{ \"b\": 1, \"a\": { \"z\": [ {\"y\": 2, \"x\": 1} ], \"m\": \"é\" } }");

    assertThat(CanonicalJson.write(node))
        .isEqualTo("{\"a\":{\"m\":\"é\",\"z\":[{\"x\":1,\"y\":2}]},\"b\":1}");
  }

  @Test
  void equalDetailsWithDifferentKeyOrderEncodeTheSame() {
    var first = StratumJson.mapper().readTree("{\"reason\":\"drift\",\"version\":7}");
    var second = StratumJson.mapper().readTree("{\"version\":7,\"reason\":\"drift\"}");

    assertThat(CanonicalJson.write(first)).isEqualTo(CanonicalJson.write(second));
  }
}

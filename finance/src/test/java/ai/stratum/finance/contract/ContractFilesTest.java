package ai.stratum.finance.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractFilesTest {

  /** The jar carries copies of the shared contracts; they must not drift from the originals. */
  @ParameterizedTest
  @ValueSource(strings = {"transaction.schema.json", "decision.schema.json"})
  void packagedContractEqualsTheSharedOne(String file) throws IOException {
    Path shared = Path.of("..", "..", "shared", "contracts", file);
    assumeTrue(Files.exists(shared), "../shared/contracts is not beside this checkout");
    try (InputStream packaged =
        getClass().getClassLoader().getResourceAsStream("contracts/" + file)) {
      assertThat(packaged).isNotNull();
      assertThat(packaged.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
    }
  }
}

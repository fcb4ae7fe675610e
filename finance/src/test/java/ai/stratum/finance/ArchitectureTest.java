package ai.stratum.finance;

import ai.stratum.test.architecture.StratumArchitecture;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ArchitectureTest {

  @Test
  void respectsStratumModuleBoundaries() {
    StratumArchitecture.verify("ai.stratum.finance");
  }

  @Test
  void featuresFormAValidModulithStructure() {
    ApplicationModules.of(FinanceApplication.class).verify();
  }
}

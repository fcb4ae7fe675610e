package ai.stratum.medical;

import ai.stratum.test.architecture.StratumArchitecture;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ArchitectureTest {

  @Test
  void respectsStratumModuleBoundaries() {
    StratumArchitecture.verify("ai.stratum.medical");
  }

  @Test
  void featuresFormAValidModulithStructure() {
    ApplicationModules.of(MedicalApplication.class).verify();
  }
}

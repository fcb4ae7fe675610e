package ai.stratum.learning;

import ai.stratum.test.architecture.StratumArchitecture;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ArchitectureTest {

  @Test
  void respectsStratumModuleBoundaries() {
    StratumArchitecture.verify("ai.stratum.learning");
  }

  @Test
  void featuresFormAValidModulithStructure() {
    ApplicationModules.of(ContinualLearningApplication.class).verify();
  }
}

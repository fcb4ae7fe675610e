package ai.stratum.privacy;

import ai.stratum.test.architecture.StratumArchitecture;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ArchitectureTest {

  @Test
  void respectsStratumModuleBoundaries() {
    StratumArchitecture.verify("ai.stratum.privacy");
  }

  @Test
  void featuresFormAValidModulithStructure() {
    ApplicationModules.of(PrivacyApplication.class).verify();
  }
}

package ai.stratum.gateway;

import ai.stratum.test.architecture.StratumArchitecture;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ArchitectureTest {

  @Test
  void respectsStratumModuleBoundaries() {
    StratumArchitecture.verify("ai.stratum.gateway");
  }

  @Test
  void featuresFormAValidModulithStructure() {
    ApplicationModules.of(GatewayApplication.class).verify();
  }
}

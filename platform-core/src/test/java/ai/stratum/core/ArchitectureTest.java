package ai.stratum.core;

import ai.stratum.test.architecture.StratumArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void respectsStratumModuleBoundaries() {
    StratumArchitecture.verify("ai.stratum.core");
  }
}

package ai.stratum.learning;

import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.service.ServiceContractTest;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContinualLearningApplicationTest extends ServiceContractTest {

  ContinualLearningApplicationTest() {
    super("continual-learning", "learning");
  }
}

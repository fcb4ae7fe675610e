package ai.stratum.medical;

import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.service.ServiceContractTest;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MedicalApplicationTest extends ServiceContractTest {

  MedicalApplicationTest() {
    super("medical", "medical");
  }
}

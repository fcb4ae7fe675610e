package ai.stratum.medical;

import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.service.ServiceContractTest;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"stratum.medical.dimse.port=0", "stratum.core.storage.root=target/test-storage"})
class MedicalApplicationTest extends ServiceContractTest {

  MedicalApplicationTest() {
    super("medical", "medical");
  }
}

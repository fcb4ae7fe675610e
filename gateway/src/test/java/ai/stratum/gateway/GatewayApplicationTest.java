package ai.stratum.gateway;

import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.service.ServiceContractTest;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApplicationTest extends ServiceContractTest {

  GatewayApplicationTest() {
    super("gateway", "gateway");
  }
}

package ai.stratum.finance;

import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.service.ServiceContractTest;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // small feature state: the test JVM also hosts the brokers and other contexts
      "stratum.finance.features.cards=4096",
      "stratum.finance.features.accounts=4096",
      "stratum.finance.features.merchants=1024",
      "stratum.finance.features.devices=4096"
    })
class FinanceApplicationTest extends ServiceContractTest {

  FinanceApplicationTest() {
    super("finance", "finance");
  }
}

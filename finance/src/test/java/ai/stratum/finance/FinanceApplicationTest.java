package ai.stratum.finance;

import ai.stratum.test.service.ServiceContractTest;

@FinanceServiceTest
class FinanceApplicationTest extends ServiceContractTest {

  FinanceApplicationTest() {
    super("finance", "finance");
  }
}

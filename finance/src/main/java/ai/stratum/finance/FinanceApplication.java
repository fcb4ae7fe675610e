package ai.stratum.finance;

import ai.stratum.core.service.StratumApplication;
import ai.stratum.core.service.StratumService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Card transaction risk scoring on Kafka with reason codes, exactly once. */
@StratumService(name = "finance", schema = "finance", port = 8082)
@SpringBootApplication
public class FinanceApplication {

  public static void main(String[] args) {
    StratumApplication.run(FinanceApplication.class, args);
  }
}

package ai.stratum.privacy;

import ai.stratum.core.service.StratumApplication;
import ai.stratum.core.service.StratumService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Federated training with secure aggregation, differential privacy and Paillier encryption. */
@StratumService(name = "privacy", schema = "privacy", port = 8084)
@SpringBootApplication
public class PrivacyApplication {

  public static void main(String[] args) {
    StratumApplication.run(PrivacyApplication.class, args);
  }
}

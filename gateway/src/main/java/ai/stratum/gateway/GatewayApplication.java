package ai.stratum.gateway;

import ai.stratum.core.service.StratumApplication;
import ai.stratum.core.service.StratumService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The REST front door for hospitals and banks and the admin console. */
@StratumService(name = "gateway", schema = "gateway", port = 8080)
@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    StratumApplication.run(GatewayApplication.class, args);
  }
}

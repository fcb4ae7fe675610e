package ai.stratum.gateway;

import ai.stratum.core.service.StratumApplication;
import ai.stratum.core.service.StratumService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The REST front door for hospitals and banks and the admin console. */
@StratumService(name = "gateway", schema = "gateway", port = 8080, authenticatesCallers = true)
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static void main(String[] args) {
    StratumApplication.run(GatewayApplication.class, args);
  }
}

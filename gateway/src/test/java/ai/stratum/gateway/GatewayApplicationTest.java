package ai.stratum.gateway;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKeys;
import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.service.ServiceContractTest;
import java.net.http.HttpRequest;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApplicationTest extends ServiceContractTest {

  @Autowired ApiKeys apiKeys;

  GatewayApplicationTest() {
    super("gateway", "gateway");
  }

  /** Everything but health, metrics and API docs needs a credential at the gateway. */
  @Override
  protected HttpRequest.Builder withCredentials(HttpRequest.Builder request) {
    String key =
        apiKeys
            .create(TenantId.of("platform"), "contract test", Set.of(Role.AUDITOR), "test")
            .token();
    return request.header(ApiKeys.HEADER, key);
  }
}

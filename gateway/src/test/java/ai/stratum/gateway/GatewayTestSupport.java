package ai.stratum.gateway;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKeys;
import ai.stratum.gateway.tenancy.Tenants;
import ai.stratum.test.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a random port in front of {@link TenantScopedUpstream}, with real PostgreSQL and
 * Kafka, small limits on two routes so tests can reach them: {@code privacy} takes bodies up to 64
 * KiB, {@code learning} allows a burst of 3 calls per tenant.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestSupport {

  static final int PRIVACY_LIMIT_BYTES = 64 * 1024;
  static final int LEARNING_BURST = 3;

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    for (String route : new String[] {"medical", "finance", "models", "learning", "privacy"}) {
      registry.add(
          "stratum.gateway.routing.routes." + route + ".upstream",
          () -> TenantScopedUpstream.get().baseUrl());
    }
    registry.add("stratum.gateway.routing.routes.privacy.max-request-size", () -> "64KB");
    registry.add("stratum.gateway.rate-limit.routes.learning.capacity", () -> LEARNING_BURST);
    registry.add("stratum.gateway.rate-limit.routes.learning.refill-per-second", () -> 0.001);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired Tenants tenants;
  @Autowired ApiKeys apiKeys;

  /** A tenant of its own, so tests do not see each other's data in the shared database. */
  TenantId newTenant() {
    TenantId id =
        TenantId.of("t-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    tenants.create(id, "Tenant " + id, "test");
    return id;
  }

  String newKey(TenantId tenant, Role... roles) {
    return apiKeys.create(tenant, "test key", Set.of(roles), "test").token();
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
  }

  HttpRequest.Builder withKey(String path, String apiKey) {
    return request(path).header(ApiKeys.HEADER, apiKey);
  }

  static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

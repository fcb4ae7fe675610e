package ai.stratum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway instances on one database: the test's context and a second one started here (a
 * restarted gateway is the same thing, a new context on the same database). They accept each
 * other's bearer tokens and spend from one rate-limit budget.
 */
class GatewayInstancesTest extends GatewayTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ConfigurableApplicationContext second;

  @BeforeAll
  static void startSecondInstance() {
    String upstream = TenantScopedUpstream.get().baseUrl();
    second =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(
                "--server.port=0",
                "--stratum.gateway.routing.routes.finance.upstream=" + upstream,
                "--stratum.gateway.routing.routes.learning.upstream=" + upstream,
                "--stratum.gateway.rate-limit.routes.learning.capacity=" + LEARNING_BURST,
                "--stratum.gateway.rate-limit.routes.learning.refill-per-second=0.001");
  }

  @AfterAll
  static void stopSecondInstance() {
    if (second != null) {
      second.close();
    }
  }

  @Test
  void bearerTokenIssuedBeforeARestartStillValidatesOnTheNewInstance() throws Exception {
    String key = newKey(newTenant(), Role.ANALYST);
    HttpResponse<String> issued =
        send(withKey("/api/gateway/token", key).POST(HttpRequest.BodyPublishers.noBody()));
    String token = JSON.readTree(issued.body()).get("access_token").asString();

    HttpResponse<String> onSecond =
        send(onSecond("/api/finance/decisions").header("Authorization", "Bearer " + token));
    HttpResponse<String> tampered =
        send(onSecond("/api/finance/decisions").header("Authorization", "Bearer " + token + "x"));

    assertThat(issued.statusCode()).isEqualTo(200);
    assertThat(onSecond.statusCode()).isEqualTo(200);
    assertThat(tampered.statusCode()).isEqualTo(401);
  }

  @Test
  void tokensOfTheNewInstanceValidateOnTheOldOneAndBothPublishTheSameKeys() throws Exception {
    String key = newKey(newTenant(), Role.ANALYST);
    HttpResponse<String> issued =
        send(
            onSecond("/api/gateway/token")
                .header(ApiKeys.HEADER, key)
                .POST(HttpRequest.BodyPublishers.noBody()));
    String token = JSON.readTree(issued.body()).get("access_token").asString();

    HttpResponse<String> onFirst =
        send(request("/api/finance/decisions").header("Authorization", "Bearer " + token));

    assertThat(onFirst.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(send(request("/oauth2/jwks")).body()))
        .isEqualTo(JSON.readTree(send(onSecond("/oauth2/jwks")).body()));
  }

  @Test
  void bothInstancesSpendFromOneRateLimitBudgetOfTheTenant() throws Exception {
    TenantId tenant = newTenant();
    String key = newKey(tenant, Role.CLINICIAN);

    int first = send(withKey("/api/learning/status", key)).statusCode();
    int secondCall =
        send(onSecond("/api/learning/status").header(ApiKeys.HEADER, key)).statusCode();
    int third = send(withKey("/api/learning/status", key)).statusCode();
    HttpResponse<String> overBudget =
        send(onSecond("/api/learning/status").header(ApiKeys.HEADER, key));
    int otherTenant =
        send(onSecond("/api/learning/status")
                .header(ApiKeys.HEADER, newKey(newTenant(), Role.CLINICIAN)))
            .statusCode();

    assertThat(LEARNING_BURST).isEqualTo(3);
    assertThat(new int[] {first, secondCall, third}).containsOnly(200);
    assertThat(overBudget.statusCode()).isEqualTo(429);
    assertThat(overBudget.headers().firstValue("Retry-After")).isPresent();
    assertThat(send(withKey("/api/learning/status", key)).statusCode()).isEqualTo(429);
    assertThat(otherTenant).isEqualTo(200);
  }

  private HttpRequest.Builder onSecond(String path) {
    int port = ((WebServerApplicationContext) second).getWebServer().getPort();
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json");
  }
}

package ai.stratum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.audit.AuditEntry;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ConsoleUsers;
import ai.stratum.gateway.tenancy.Tenants;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The front door's promises, checked over HTTP against a real upstream and real PostgreSQL. */
class GatewaySecurityTest extends GatewayTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired AuditLog auditLog;
  @Autowired ConsoleUsers users;
  @Autowired JdbcClient jdbc;

  @Test
  void rejectsCallsWithoutCredentialAsUnauthorizedProblem() throws Exception {
    HttpResponse<String> response = send(request("/api/medical/studies"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(JSON.readTree(response.body()).get("type").asString())
        .isEqualTo("https://stratum.ai/problems/unauthorized");
  }

  @Test
  void rejectsUnknownAndMalformedApiKeys() throws Exception {
    TenantId tenant = newTenant();
    String key = newKey(tenant, Role.CLINICIAN);
    String wrongSecret = key.substring(0, key.length() - 4) + "AAAA";

    assertThat(send(withKey("/api/medical/studies", wrongSecret)).statusCode()).isEqualTo(401);
    assertThat(send(withKey("/api/medical/studies", "not-a-key")).statusCode()).isEqualTo(401);
  }

  @Test
  void rejectsRevokedApiKey() throws Exception {
    TenantId tenant = newTenant();
    var issued = apiKeys.create(tenant, "to revoke", Set.of(Role.CLINICIAN), "test");
    assertThat(send(withKey("/api/medical/studies", issued.token())).statusCode()).isEqualTo(200);

    apiKeys.revoke(tenant, issued.key().id(), "test");

    assertThat(send(withKey("/api/medical/studies", issued.token())).statusCode()).isEqualTo(401);
  }

  @Test
  void forwardsTheCredentialsTenantInsteadOfTheOneTheClientSent() throws Exception {
    TenantId hospital = newTenant();
    TenantId other = newTenant();
    String key = newKey(hospital, Role.CLINICIAN);

    HttpResponse<String> response =
        send(
            withKey("/api/medical/studies?PatientName=Doe", key)
                .header(TenantScopedUpstream.TENANT_HEADER, other.value())
                .header("Cookie", "session=secret")
                .header("Authorization", "Basic c2VjcmV0")
                .header("X-Forwarded-Host", "forged.example"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode headers = JSON.readTree(response.body()).get("headers");
    assertThat(headers.get(TenantScopedUpstream.ECHOED_TENANT_HEADER).get(0).asString())
        .isEqualTo(hospital.value());
    assertThat(headers.get(TenantScopedUpstream.ECHOED_TENANT_HEADER)).hasSize(1);
    assertThat(headers.has("x-api-key")).as("API key forwarded").isFalse();
    assertThat(headers.has("cookie")).as("cookie forwarded").isFalse();
    assertThat(headers.has("authorization")).as("authorization forwarded").isFalse();
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    // services build their links from these (server.forward-headers-strategy)
    assertThat(headers.get("x-forwarded-host")).hasSize(1);
    assertThat(headers.get("x-forwarded-host").get(0).asString()).isEqualTo("localhost");
    assertThat(headers.get("x-forwarded-port").get(0).asString()).isEqualTo(Integer.toString(port));
    assertThat(headers.get("x-forwarded-proto").get(0).asString()).isEqualTo("http");
  }

  @Test
  void answersAnotherTenantsDocumentWithNotFound() throws Exception {
    TenantId hospitalA = newTenant();
    TenantId hospitalB = newTenant();
    String keyA = newKey(hospitalA, Role.CLINICIAN);
    String keyB = newKey(hospitalB, Role.CLINICIAN);
    String study = "/api/medical/documents/1.2.840.99";
    assertThat(
            send(withKey(study, keyA).PUT(HttpRequest.BodyPublishers.ofString("{\"a\":1}")))
                .statusCode())
        .isEqualTo(201);

    HttpResponse<String> asB =
        send(withKey(study, keyB).header(TenantScopedUpstream.TENANT_HEADER, hospitalA.value()));
    HttpResponse<String> asA = send(withKey(study, keyA));

    assertThat(asB.statusCode()).isEqualTo(404);
    assertThat(asA.statusCode()).isEqualTo(200);
    assertThat(asA.body()).isEqualTo("{\"a\":1}");
  }

  @Test
  void limitsEachRoleToItsRoutes() throws Exception {
    TenantId hospital = newTenant();
    String clinician = newKey(hospital, Role.CLINICIAN);
    String analyst = newKey(hospital, Role.ANALYST);
    String auditor = newKey(hospital, Role.AUDITOR);

    assertThat(send(withKey("/api/finance/decisions", clinician)).statusCode()).isEqualTo(403);
    assertThat(send(withKey("/dicomweb/studies", analyst)).statusCode()).isEqualTo(403);
    assertThat(send(withKey("/api/models", clinician)).statusCode()).isEqualTo(200);
    assertThat(
            send(withKey("/api/models/fraud/rollback", clinician)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")))
                .statusCode())
        .isEqualTo(403);
    assertThat(send(withKey("/api/gateway/tenants", clinician)).statusCode()).isEqualTo(403);
    assertThat(send(withKey("/api/medical/studies", auditor)).statusCode()).isEqualTo(403);
    assertThat(send(withKey("/api/gateway/audit/verification", auditor)).statusCode())
        .isEqualTo(200);
    HttpResponse<String> forbidden = send(withKey("/api/finance/decisions", clinician));
    assertThat(JSON.readTree(forbidden.body()).get("type").asString())
        .isEqualTo("https://stratum.ai/problems/forbidden");
  }

  @Test
  void auditorsReadOnlyTheirOwnTenantsEntries() throws Exception {
    TenantId hospital = newTenant();
    TenantId bank = newTenant();
    String auditor = newKey(hospital, Role.AUDITOR);

    assertThat(send(withKey("/api/gateway/audit/entries?tenant=" + hospital, auditor)).statusCode())
        .isEqualTo(200);
    assertThat(send(withKey("/api/gateway/audit/entries?tenant=" + bank, auditor)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void answersTooManyRequestsWithRetryAfterOnceTheBucketIsEmpty() throws Exception {
    TenantId tenant = newTenant();
    String key = newKey(tenant, Role.CLINICIAN);
    for (int i = 0; i < LEARNING_BURST; i++) {
      assertThat(send(withKey("/api/learning/status", key)).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> limited = send(withKey("/api/learning/status", key));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    assertThat(JSON.readTree(limited.body()).get("type").asString())
        .isEqualTo("https://stratum.ai/problems/too-many-requests");
    // another tenant has a bucket of its own
    assertThat(
            send(withKey("/api/learning/status", newKey(newTenant(), Role.CLINICIAN))).statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesBodiesOverTheRouteLimit() throws Exception {
    String key = newKey(newTenant(), Role.CLINICIAN);
    byte[] tooLarge = new byte[PRIVACY_LIMIT_BYTES + 1];
    Arrays.fill(tooLarge, (byte) 'x');

    HttpResponse<String> declared =
        send(
            withKey("/api/privacy/rounds", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)));
    HttpResponse<String> chunked =
        send(withKey("/api/privacy/rounds", key).POST(unknownLength(tooLarge)));
    HttpResponse<String> fits =
        send(
            withKey("/api/privacy/rounds", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[PRIVACY_LIMIT_BYTES])));

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(declared.body()).get("type").asString())
        .isEqualTo("https://stratum.ai/problems/payload-too-large");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(fits.body()).get("bodyLength").asInt()).isEqualTo(PRIVACY_LIMIT_BYTES);
  }

  @Test
  void acceptsBearerTokensIssuedForAnApiKey() throws Exception {
    TenantId tenant = newTenant();
    String key = newKey(tenant, Role.ANALYST);
    HttpResponse<String> tokenResponse =
        send(withKey("/api/gateway/token", key).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(tokenResponse.statusCode()).isEqualTo(200);
    String token = JSON.readTree(tokenResponse.body()).get("access_token").asString();

    HttpResponse<String> withToken =
        send(request("/api/finance/decisions").header("Authorization", "Bearer " + token));
    HttpResponse<String> tampered =
        send(request("/api/finance/decisions").header("Authorization", "Bearer " + token + "x"));
    HttpResponse<String> wrongRole =
        send(request("/api/medical/studies").header("Authorization", "Bearer " + token));

    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(
            JSON.readTree(withToken.body())
                .get("headers")
                .get(TenantScopedUpstream.ECHOED_TENANT_HEADER)
                .get(0)
                .asString())
        .isEqualTo(tenant.value());
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(wrongRole.statusCode()).isEqualTo(403);
  }

  @Test
  void recordsEveryAuthenticatedCallInTheAuditChain() throws Exception {
    TenantId tenant = newTenant();
    String key = newKey(tenant, Role.CLINICIAN);
    send(withKey("/api/medical/studies?PatientName=Doe", key));
    send(withKey("/api/finance/decisions", key));

    List<AuditEntry> calls =
        auditLog.page(tenant, 0, 100).entries().stream()
            .filter(entry -> entry.action().equals("http.call"))
            .toList();

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).actor()).startsWith("key:");
    assertThat(calls.get(0).target()).isEqualTo("route:medical");
    assertThat(calls.get(0).details().get("status").asInt()).isEqualTo(200);
    assertThat(calls.get(0).details().get("path").asString()).isEqualTo("/api/medical/studies");
    assertThat(calls.get(1).target()).isEqualTo("route:finance");
    assertThat(calls.get(1).details().get("status").asInt()).isEqualTo(403);
    assertThat(auditLog.verify().isIntact()).isTrue();
  }

  @Test
  void storesConsolePasswordsAsArgon2idHashes() {
    String username = "argon-" + newTenant();
    users.create(username, Tenants.PLATFORM, Set.of(Role.AUDITOR), "a long enough password", "t");

    String stored =
        jdbc.sql("SELECT password_hash FROM console_user WHERE username = ?")
            .param(username)
            .query(String.class)
            .single();

    assertThat(stored).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$");
    assertThat(stored).doesNotContain("a long enough password");
  }

  @Test
  void keepsHealthOpenAndSetsSecurityHeadersWithoutCors() throws Exception {
    HttpResponse<String> health = send(request("/actuator/health/readiness"));
    HttpResponse<String> preflight =
        send(
            request("/api/medical/studies")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"));

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(health.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(health.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  /** A body publisher without a length, so the client sends it chunked. */
  private static HttpRequest.BodyPublisher unknownLength(byte[] body) {
    HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofByteArray(body);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        known.subscribe(subscriber);
      }
    };
  }
}

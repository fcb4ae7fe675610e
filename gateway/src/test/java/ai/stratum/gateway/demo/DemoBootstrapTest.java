package ai.stratum.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKeys;
import ai.stratum.gateway.security.ConsoleUsers;
import ai.stratum.test.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoBootstrapTest {

  private static final Path CREDENTIALS = temporaryDirectory().resolve("demo-credentials.json");

  @DynamicPropertySource
  static void credentialsFile(DynamicPropertyRegistry registry) {
    registry.add("stratum.gateway.demo.credentials-file", CREDENTIALS::toString);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired ConsoleUsers users;
  @Autowired ApiKeys apiKeys;
  @Autowired DemoBootstrap bootstrap;

  @Test
  void writesWorkingDemoCredentialsReadableByTheOwnerOnly() throws Exception {
    assertThat(Files.getPosixFilePermissions(CREDENTIALS))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    JsonNode credentials = JsonMapper.builder().build().readTree(CREDENTIALS.toFile());

    List<String> usernames = new ArrayList<>();
    credentials.get("users").forEach(user -> usernames.add(user.get("username").asString()));
    assertThat(usernames).containsExactly("admin", "clinician", "analyst");
    assertThat(users.find("admin").orElseThrow().roles()).contains(Role.ADMIN, Role.AUDITOR);
    assertThat(users.find("clinician").orElseThrow().tenant())
        .isEqualTo(TenantId.of("demo-hospital"));

    JsonNode hospitalKey = credentials.get("apiKeys").get(0);
    assertThat(hospitalKey.get("tenant").asString()).isEqualTo("demo-hospital");
    assertThat(apiKeys.authenticate(hospitalKey.get("apiKey").asString()))
        .hasValueSatisfying(caller -> {
          assertThat(caller.tenant()).isEqualTo(TenantId.of("demo-hospital"));
          assertThat(caller.roles()).containsExactly(Role.CLINICIAN);
        });
    HttpResponse<String> token =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/gateway/token"))
                    .header(
                        ApiKeys.HEADER, credentials.get("apiKeys").get(1).get("apiKey").asString())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).isEqualTo(200);
  }

  @Test
  void leavesExistingDemoCredentialsAloneOnTheNextStart() throws IOException {
    String before = Files.readString(CREDENTIALS);

    bootstrap.bootstrap();

    assertThat(Files.readString(CREDENTIALS)).isEqualTo(before);
    assertThat(apiKeys.list(TenantId.of("demo-bank"))).hasSize(1);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("stratum-demo");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

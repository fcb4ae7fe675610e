package ai.stratum.test.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.test.SharedInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * What every Stratum service promises once started: health and readiness UP with PostgreSQL and
 * Kafka, Prometheus metrics tagged with the service, OpenAPI docs, its own PostgreSQL schema
 * migrated by Flyway, and RFC 9457 problem details for requests it cannot serve. A service test
 * extends this with {@code @SpringBootTest(RANDOM_PORT)}.
 */
public abstract class ServiceContractTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String serviceName;
  private final String schema;

  @Value("${local.server.port}")
  private int port;

  protected ServiceContractTest(String serviceName, String schema) {
    this.serviceName = serviceName;
    this.schema = schema;
  }

  @Test
  void reportsHealthUpWithDatabaseAndKafka() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"")
        .contains("\"db\":{")
        .contains("\"kafka\":{");
  }

  @Test
  void reportsReadinessAndLivenessProbes() throws Exception {
    assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
  }

  @Test
  void exposesPrometheusMetricsTaggedWithTheService() throws Exception {
    HttpResponse<String> metrics = get("/actuator/prometheus", "text/plain");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("service=\"" + serviceName + "\"");
  }

  @Test
  void servesOpenApiDocs() throws Exception {
    HttpResponse<String> docs = get("/v3/api-docs");

    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("\"openapi\"");
  }

  @Test
  void ownsItsSchemaMigratedByFlyway() throws SQLException {
    try (Connection connection = SharedInfrastructure.get().dataSource().getConnection();
        ResultSet tables =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from information_schema.tables where table_schema = '"
                        + schema
                        + "' and table_name = 'flyway_schema_history'")) {
      tables.next();
      assertThat(tables.getInt(1)).as("Flyway history in schema %s", schema).isEqualTo(1);
    }
  }

  @Test
  void answersUnknownRoutesWithProblemDetails() throws Exception {
    HttpResponse<String> missing =
        HTTP.send(
            withCredentials(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/no-such-route"))
                        .header("Accept", "application/json, application/problem+json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(missing.body()).contains("\"status\":404");
  }

  /**
   * Adds what a service that authenticates its callers (the gateway) needs to let a request past
   * its front door; health, metrics and API docs are checked without it.
   */
  protected HttpRequest.Builder withCredentials(HttpRequest.Builder request) {
    return request;
  }

  protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(path, "application/json, application/problem+json");
  }

  protected HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

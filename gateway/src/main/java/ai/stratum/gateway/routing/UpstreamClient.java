package ai.stratum.gateway.routing;

import ai.stratum.core.tenancy.TenancyProperties;
import ai.stratum.core.tenancy.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * The gateway's own calls to the services behind its routes (the console's pages), with the same
 * upstreams and timeouts as the proxy and the tenant header of the user they act for.
 */
@Component
public class UpstreamClient {

  /** What a service answered; bodies of console calls are small (JSON, one rendered slice). */
  public record Answer(int status, String contentType, byte[] body) {

    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final RoutingProperties properties;
  private final String tenantHeader;
  private final HttpClient client;

  UpstreamClient(RoutingProperties properties, TenancyProperties tenancy) {
    this.properties = properties;
    this.tenantHeader = tenancy.header();
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * {@code GET} of a path (with its query string) on the route's service.
   *
   * @throws ai.stratum.core.web.StratumException 502/504 when the service does not answer
   */
  public Answer get(Route route, String pathAndQuery, TenantId tenant, String accept) {
    return send(route, request(route, pathAndQuery, tenant).header("Accept", accept).GET().build());
  }

  /** {@code POST} of a JSON body on the route's service. */
  public Answer postJson(Route route, String path, TenantId tenant, String json) {
    return send(
        route,
        request(route, path, tenant)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpRequest.Builder request(Route route, String pathAndQuery, TenantId tenant) {
    String base = properties.target(route).upstream().toString().replaceAll("/+$", "");
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(properties.responseTimeout())
        .header(tenantHeader, tenant.value());
  }

  private Answer send(Route route, HttpRequest request) {
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
          response.body());
    } catch (HttpTimeoutException timeout) {
      throw UpstreamUnavailableException.timedOut(route);
    } catch (IOException unreachable) {
      throw UpstreamUnavailableException.unreachable(route);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw UpstreamUnavailableException.unreachable(route);
    }
  }
}

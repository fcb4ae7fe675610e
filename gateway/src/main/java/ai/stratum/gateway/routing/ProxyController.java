package ai.stratum.gateway.routing;

import ai.stratum.core.tenancy.TenancyProperties;
import ai.stratum.core.tenancy.TenantContext;
import ai.stratum.core.web.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forwards a request on a {@link Route} to its service and streams the answer back. The service
 * receives the tenant of the caller's credential in the tenant header and never the caller's
 * credentials (API key, bearer token, session cookie).
 */
@RestController
class ProxyController {

  /** Headers that describe one hop, or that the JDK client sets itself. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "http2-settings");

  /** Credentials stay at the gateway. */
  private static final Set<String> CREDENTIALS = Set.of("authorization", "x-api-key", "cookie");

  private final RoutingProperties properties;
  private final String tenantHeader;
  private final HttpClient client;

  ProxyController(RoutingProperties properties, TenancyProperties tenancy) {
    this.properties = properties;
    this.tenantHeader = tenancy.header().toLowerCase(Locale.ROOT);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @RequestMapping({
    "/api/medical",
    "/api/medical/**",
    "/dicomweb",
    "/dicomweb/**",
    "/api/finance",
    "/api/finance/**",
    "/api/models",
    "/api/models/**",
    "/api/learning",
    "/api/learning/**",
    "/api/privacy",
    "/api/privacy/**"
  })
  void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Route route =
        Route.forPath(request.getRequestURI())
            .orElseThrow(() -> new IllegalStateException("no route for a mapped path"));
    HttpResponse<InputStream> upstream = send(route, upstreamRequest(route, request), request);
    response.setStatus(upstream.statusCode());
    upstream
        .headers()
        .map()
        .forEach((name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          // the gateway's own security headers win; upstreams may not set cookies on its origin
          if (!HOP_BY_HOP.contains(lower)
              && !lower.equals("set-cookie")
              && !lower.startsWith(":")
              && !response.containsHeader(name)) {
            values.forEach(value -> response.addHeader(name, value));
          }
        });
    upstream
        .headers()
        .firstValueAsLong(HttpHeaders.CONTENT_LENGTH)
        .ifPresent(response::setContentLengthLong);
    try (InputStream body = upstream.body()) {
      body.transferTo(response.getOutputStream());
    }
  }

  private HttpRequest upstreamRequest(Route route, HttpServletRequest request) {
    String base = properties.target(route).upstream().toString().replaceAll("/+$", "");
    String query = request.getQueryString();
    URI uri = URI.create(base + request.getRequestURI() + (query == null ? "" : "?" + query));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(properties.responseTimeout())
            .method(request.getMethod(), body(request));
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(lower)
          && !CREDENTIALS.contains(lower)
          && !lower.equals(tenantHeader)
          && !lower.startsWith("x-forwarded-")) {
        Collections.list(request.getHeaders(name)).forEach(value -> builder.header(name, value));
      }
    }
    builder.header(tenantHeader, TenantContext.require().value());
    forwardedHeaders(request).forEach(builder::header);
    return builder.build();
  }

  /**
   * Where the client sent the request, so services write links (e.g. QIDO-RS RetrieveURL) that
   * point at the gateway rather than at themselves ({@code server.forward-headers-strategy}).
   */
  static Map<String, String> forwardedHeaders(HttpServletRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Forwarded-For", request.getRemoteAddr());
    headers.put("X-Forwarded-Proto", request.getScheme());
    headers.put("X-Forwarded-Host", request.getServerName());
    headers.put("X-Forwarded-Port", Integer.toString(request.getServerPort()));
    if (!request.getContextPath().isEmpty()) {
      headers.put("X-Forwarded-Prefix", request.getContextPath());
    }
    return headers;
  }

  private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    if (length <= 0 && !chunked) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(() -> {
          try {
            return request.getInputStream();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }

  private HttpResponse<InputStream> send(
      Route route, HttpRequest upstreamRequest, HttpServletRequest request) {
    try {
      return client.send(upstreamRequest, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException timeout) {
      throw UpstreamUnavailableException.timedOut(route);
    } catch (IOException failure) {
      if (RequestSizeLimitFilter.exceeded(request)) {
        throw new PayloadTooLargeException(properties.maxRequestBytes(route));
      }
      throw UpstreamUnavailableException.unreachable(route);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw UpstreamUnavailableException.unreachable(route);
    }
  }
}

package ai.stratum.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real HTTP service standing behind the gateway in tests, scoped by the tenant header the
 * way the Stratum services are: {@code PUT <path>} stores a document for the caller's tenant,
 * {@code GET <path>} returns it only to that tenant (404 to everyone else), and any other request
 * is answered with the headers it arrived with; {@code /dicomweb/}, {@code /api/models} and the
 * finance pages' paths are {@link ConsoleBackends}. One instance serves every route, once per JVM.
 */
final class TenantScopedUpstream {

  static final String TENANT_HEADER = "X-Stratum-Tenant";

  /** How the echo names the tenant header. */
  static final String ECHOED_TENANT_HEADER = "x-stratum-tenant";

  private static final TenantScopedUpstream INSTANCE = start();

  private final HttpServer server;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private final ConsoleBackends consoleBackends = new ConsoleBackends();
  private final JsonMapper json = JsonMapper.builder().build();

  private TenantScopedUpstream(HttpServer server) {
    this.server = server;
  }

  static TenantScopedUpstream get() {
    return INSTANCE;
  }

  /** The DICOMweb and model registry behind the console's pages. */
  ConsoleBackends consoleBackends() {
    return consoleBackends;
  }

  String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  private static TenantScopedUpstream start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
      TenantScopedUpstream upstream = new TenantScopedUpstream(server);
      server.createContext("/", upstream::handle);
      server.createContext("/dicomweb/", upstream.consoleBackends::handleDicomWeb);
      server.createContext("/api/models", upstream.consoleBackends::handleModels);
      server.createContext("/api/medical/studies/", upstream.consoleBackends::handleMedical);
      server.createContext("/api/medical/findings/", upstream.consoleBackends::handleMedical);
      server.createContext("/api/finance/thresholds", upstream.consoleBackends::handleFinance);
      server.createContext("/api/finance/cases", upstream.consoleBackends::handleFinance);
      server.createContext("/api/finance/live", upstream.consoleBackends::handleFinance);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return upstream;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test upstream", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String tenant = exchange.getRequestHeaders().getFirst(TENANT_HEADER);
      if (tenant == null) {
        send(exchange, 400, "{\"detail\":\"no tenant\"}");
        return;
      }
      String key = tenant + " " + exchange.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      switch (exchange.getRequestMethod()) {
        case "PUT" -> {
          documents.put(key, body);
          send(exchange, 201, "{}");
        }
        case "GET" -> {
          byte[] document = documents.get(key);
          if (document != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            exchange.getResponseBody().write(document);
          } else if (exchange.getRequestURI().getPath().contains("/documents/")) {
            send(exchange, 404, "{\"status\":404}");
          } else {
            echo(exchange, body.length);
          }
        }
        default -> echo(exchange, body.length);
      }
    }
  }

  private void echo(HttpExchange exchange, int bodyLength) throws IOException {
    // lower-case names, as HTTP/2 writes them, so tests look them up one way
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
    send(
        exchange,
        200,
        json.writeValueAsString(
            Map.of(
                "method",
                exchange.getRequestMethod(),
                "path",
                exchange.getRequestURI().getPath(),
                "bodyLength",
                bodyLength,
                "headers",
                headers)));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Set-Cookie", "upstream=planted");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}

package ai.stratum.finance.decisions;

import static ai.stratum.finance.TransactionRecords.json;
import static ai.stratum.finance.TransactionRecords.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.FinanceServiceTest;
import ai.stratum.finance.TransactionRecords;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.EntryMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The decision projection against the real broker and PostgreSQL: decisions published on {@code
 * finance.decisions} become readable through {@code GET /api/finance/decisions/{id}} with their
 * documents unchanged (stored compressed), in one batch with a record it refuses; a row stored as
 * text before compression stays readable.
 */
@FinanceServiceTest
class DecisionProjectionTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  private int port;

  @Autowired private JdbcTemplate jdbc;

  private final String tenant = "proj-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void storesEachDocumentWholeAndSkipsOneThatCannotBeJsonText() throws Exception {
    String id = "p-" + UUID.randomUUID();
    String scored = score(id);
    String version = StratumJson.mapper().readTree(scored).get("modelVersion").asString();
    // quotes, a backslash and a non-ASCII letter in a string: what a text[] literal had to escape
    String first =
        scored
            .replace(id, id + "-1")
            .replace("\"" + version + "\"", "\"" + version + " \\\"quoted\\\" \\\\ café\"");
    String second = scored.replace(id, id + "-2");
    String unreadable = scored.replace(id, id + "-3") + "\u001e";

    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (String document : new String[] {first, unreadable, second}) {
        producer.send(
            new ProducerRecord<>(
                Topic.FINANCE_DECISIONS.topicName(),
                "card-p",
                document.getBytes(StandardCharsets.UTF_8)));
      }
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(get("/api/finance/decisions/" + id + "-2").statusCode()).isEqualTo(200));
    HttpResponse<String> stored = get("/api/finance/decisions/" + id + "-1");
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(first).contains("\\\"quoted\\\" \\\\ café");
    assertThat(StratumJson.mapper().readTree(stored.body()))
        .isEqualTo(StratumJson.mapper().readTree(first));
    assertThat(get("/api/finance/decisions/" + id + "-3").statusCode()).isEqualTo(404);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from decision where tenant_id = ? and transaction_id like ?"
                    + " and document is null and octet_length(document_zstd) < 400",
                Integer.class,
                tenant,
                id + "-%"))
        .isEqualTo(2);
  }

  @Test
  void readsADocumentStoredAsTextBeforeCompression() throws Exception {
    String id = "legacy-" + UUID.randomUUID();
    String document = score(id);
    JsonNode decision = StratumJson.mapper().readTree(document);
    jdbc.update(
        "insert into decision (transaction_id, tenant_id, score, outcome, threshold,"
            + " model_version, document, decided_at) values (?, ?, ?, ?, ?, ?, ?, now())",
        id,
        tenant,
        decision.get("score").asDouble(),
        decision.get("decision").asString(),
        decision.get("threshold").asDouble(),
        decision.get("modelVersion").asString(),
        document);

    HttpResponse<String> stored = get("/api/finance/decisions/" + id);

    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(StratumJson.mapper().readTree(stored.body())).isEqualTo(decision);
  }

  /** The decision document {@code POST /api/finance/score} returns for a new transaction. */
  private String score(String transactionId) throws Exception {
    return post(
            "/api/finance/score",
            json(
                TransactionRecords.transaction(
                    tenant,
                    transactionId,
                    "card-p",
                    12.5,
                    Instant.now(),
                    Channel.ECOM,
                    EntryMode.TOKEN,
                    "dev-p")))
        .body();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send(
        to(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(to(path).GET());
  }

  private HttpRequest.Builder to(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("X-Stratum-Tenant", tenant);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

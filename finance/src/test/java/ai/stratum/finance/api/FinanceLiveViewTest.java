package ai.stratum.finance.api;

import static ai.stratum.finance.TransactionRecords.json;
import static ai.stratum.finance.TransactionRecords.producer;
import static ai.stratum.finance.TransactionRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.FinanceServiceTest;
import ai.stratum.finance.TransactionRecords;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.EntryMode;
import ai.stratum.finance.contract.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/finance/live} against the running stream: transactions and bad records go through
 * the real broker, decisions and dead letters through the projections into the real PostgreSQL, and
 * the endpoint's figures are awaited.
 */
@FinanceServiceTest
class FinanceLiveViewTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int TRANSACTIONS = 60;

  @Value("${local.server.port}")
  private int port;

  private final String tenant = "live-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void reportsThroughputOutcomesLatencyAndDeadLettersOfTheTenantsStream() throws Exception {
    Instant now = Instant.now();
    List<RecordMetadata> refused = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < TRANSACTIONS; i++) {
        String card = "card-" + (i % 6);
        producer.send(record(card, json(transaction("l-" + i, card, now.plusSeconds(i))), tenant));
      }
      refused.add(producer.send(record("bad-1", "{\"transactionId\": 12", tenant)).get());
      String negative =
          json(transaction("l-neg", "card-0", now)).replace("\"amount\":25.0", "\"amount\":-1");
      refused.add(producer.send(record("bad-2", negative, tenant)).get());
      // no tenant header: counted for nobody's view
      producer.send(record("bad-3", "not json", null)).get();
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> {
          JsonNode view = live(tenant, 3600);
          return total(view.get("outcomes")) == TRANSACTIONS
              && view.get("deadLetters").get("total").asLong() == 2;
        });

    JsonNode view = live(tenant, 3600);
    assertThat(view.get("tenant").asString()).isEqualTo(tenant);
    assertThat(view.get("windowSeconds").asInt()).isEqualTo(3600);
    assertThat(view.get("series")).hasSize(720);
    long seriesDecisions = 0;
    long seriesAlerts = 0;
    for (JsonNode point : view.get("series")) {
      seriesDecisions += point.get("decisions").asLong();
      seriesAlerts += point.get("alerts").asLong();
      assertThat(Instant.parse(point.get("at").asString()).getEpochSecond() % 5).isZero();
    }
    assertThat(seriesDecisions).isEqualTo(TRANSACTIONS);
    JsonNode outcomes = view.get("outcomes");
    long alerts = outcomes.get("REVIEW").asLong() + outcomes.get("DECLINE").asLong();
    assertThat(seriesAlerts).isEqualTo(alerts);
    assertThat(view.get("alertRate").asDouble()).isEqualTo((double) alerts / TRANSACTIONS);
    assertThat(view.get("decisionsPerSecond").asDouble()).isPositive();
    JsonNode latency = view.get("latencyMs");
    assertThat(latency.get("p50").asDouble()).isPositive();
    assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p50").asDouble());
    assertThat(latency.get("p999").asDouble())
        .isGreaterThanOrEqualTo(latency.get("p99").asDouble());
    assertThat(view.get("recentDeclines"))
        .hasSize((int) Math.min(20, outcomes.get("DECLINE").asLong()))
        .allSatisfy(decline -> assertThat(decline.get("reasons")).isNotEmpty());

    JsonNode deadLetters = view.get("deadLetters");
    assertThat(deadLetters.get("inWindow").asLong()).isEqualTo(2);
    JsonNode recent = deadLetters.get("recent");
    assertThat(recent).hasSize(2);
    assertThat(recent)
        .extracting(letter -> letter.get("reason").asString())
        .containsExactlyInAnyOrder("malformed-json", "schema-violation");
    assertThat(recent)
        .extracting(letter -> letter.get("partition").asInt() + "@" + letter.get("offset").asLong())
        .containsExactlyInAnyOrderElementsOf(
            refused.stream().map(meta -> meta.partition() + "@" + meta.offset()).toList());
    assertThat(recent)
        .allSatisfy(
            letter -> assertThat(letter.get("topic").asString()).isEqualTo("finance.transactions"));
  }

  @Test
  void showsATenantNothingOfAnotherTenantsStream() throws Exception {
    JsonNode view = live("live-nobody-" + UUID.randomUUID().toString().substring(0, 8), 60);

    assertThat(view.get("series")).hasSize(12);
    assertThat(total(view.get("outcomes"))).isZero();
    assertThat(view.get("alertRate").asDouble()).isZero();
    assertThat(view.get("latencyMs").get("p50").isNull()).isTrue();
    assertThat(view.get("recentDeclines")).isEmpty();
    assertThat(view.get("deadLetters").get("total").asLong()).isZero();
  }

  @Test
  void refusesWindowsOutsideOneSecondToOneHourWithProblemDetails() throws Exception {
    for (String seconds : List.of("0", "3601", "-5")) {
      HttpResponse<String> response = get(tenant, "/api/finance/live?seconds=" + seconds);

      assertThat(response.statusCode()).as("seconds=%s", seconds).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(response.body()).contains("seconds");
    }
  }

  private static long total(JsonNode outcomes) {
    return outcomes.get("APPROVE").asLong()
        + outcomes.get("REVIEW").asLong()
        + outcomes.get("DECLINE").asLong();
  }

  private Transaction transaction(String id, String card, Instant time) {
    return TransactionRecords.transaction(
        tenant, id, card, 25.0, time, Channel.POS, EntryMode.CHIP, null);
  }

  private JsonNode live(String who, int seconds) throws Exception {
    HttpResponse<String> response = get(who, "/api/finance/live?seconds=" + seconds);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return StratumJson.mapper().readTree(response.body());
  }

  private HttpResponse<String> get(String who, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-Stratum-Tenant", who)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package ai.stratum.finance.api;

import static ai.stratum.finance.TransactionRecords.json;
import static ai.stratum.finance.TransactionRecords.producer;
import static ai.stratum.finance.TransactionRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.FinanceServiceTest;
import ai.stratum.finance.TransactionRecords;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.EntryMode;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.contract.internal.ContractSchema;
import ai.stratum.finance.stream.DeadLetterHeaders;
import ai.stratum.finance.threshold.ThresholdChange;
import ai.stratum.finance.threshold.Thresholds;
import ai.stratum.finance.threshold.internal.JdbcThresholdJournal;
import ai.stratum.test.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@FinanceServiceTest
class FinanceApiTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TENANT_HEADER = "X-Stratum-Tenant";

  @Value("${local.server.port}")
  private int port;

  @Autowired private JdbcTemplate jdbc;
  @Autowired private TransactionTemplate transactions;
  @Autowired private AuditLog audit;

  private final String tenant = "api-" + UUID.randomUUID().toString().substring(0, 8);
  private final Instant now = Instant.now();

  private Transaction tx(
      String id,
      String card,
      double amount,
      Instant time,
      Channel channel,
      EntryMode entry,
      String device) {
    return TransactionRecords.transaction(tenant, id, card, amount, time, channel, entry, device);
  }

  @Test
  void scoresSynchronouslyWithAContractValidDecisionAndReasons() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/finance/score",
            json(tx("s-1", "card-s", 42.0, now, Channel.POS, EntryMode.CHIP, null)));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode decision = StratumJson.mapper().readTree(response.body());
    assertThat(ContractSchema.decision().validate(decision)).isEmpty();
    assertThat(decision.get("transactionId").asString()).isEqualTo("s-1");
    assertThat(decision.get("features").asInt()).isGreaterThanOrEqualTo(200);
    assertThat(decision.get("modelVersion").asString()).matches("finance-risk:\\d+");
    assertThat(decision.get("reasons").size()).isBetween(1, 5);
  }

  @Test
  void refusesContractViolationsWithProblemDetails() throws Exception {
    String negative =
        json(tx("s-2", "card-s", 42.0, now, Channel.POS, EntryMode.CHIP, null))
            .replace("\"amount\":42.0", "\"amount\":-1");
    HttpResponse<String> invalid = post("/api/finance/score", negative);
    HttpResponse<String> malformed = post("/api/finance/score", "{\"transactionId\":");
    HttpResponse<String> oversized =
        post("/api/finance/score", "{\"pad\":\"" + "x".repeat(20_000) + "\"}");
    String otherTenant =
        json(tx("s-3", "card-s", 42.0, now, Channel.POS, EntryMode.CHIP, null))
            .replace(tenant, "someone-else");
    HttpResponse<String> foreign = post("/api/finance/score", otherTenant);

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(invalid.body())
        .contains("schema-violation")
        .contains("\"errors\"")
        .contains("amount");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("malformed-json");
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(foreign.statusCode()).isEqualTo(400);
  }

  @Test
  void streamDecidesTransactionsAndDeadLettersBadRecordsWithReasons() throws Exception {
    String badKey = "bad-" + UUID.randomUUID();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(
          record(
              "card-k",
              json(tx("k-1", "card-k", 12.0, now, Channel.POS, EntryMode.CONTACTLESS, null)),
              null));
      producer.send(record(badKey, "{\"transactionId\": 12", null));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("/api/finance/decisions/k-1").statusCode() == 200);
    JsonNode decision = StratumJson.mapper().readTree(get("/api/finance/decisions/k-1").body());
    assertThat(ContractSchema.decision().validate(decision)).isEmpty();
    assertThat(get("/api/finance/decisions/no-such-transaction").statusCode()).isEqualTo(404);

    ConsumerRecord<String, byte[]> letter = awaitDeadLetter(badKey);
    assertThat(new String(letter.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"transactionId\": 12");
    assertThat(
            new String(
                letter.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("malformed-json");
  }

  @Test
  void alertsACardTestingBurstAndResolvesItsCaseWithALabel() throws Exception {
    String card = "card-t";
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < 12; i++) {
        producer.send(
            record(
                card,
                json(
                    tx(
                        "t-" + i,
                        card,
                        0.5 + i % 3,
                        now.plusSeconds(i * 15L),
                        Channel.ECOM,
                        EntryMode.MANUAL,
                        "dev-fraud")),
                null));
      }
      producer.send(
          record(
              card,
              json(
                  tx(
                      "t-big",
                      card,
                      1_450.0,
                      now.plusSeconds(400),
                      Channel.ECOM,
                      EntryMode.MANUAL,
                      "dev-fraud")),
              null));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("/api/finance/decisions/t-big").statusCode() == 200);
    JsonNode decision = StratumJson.mapper().readTree(get("/api/finance/decisions/t-big").body());
    assertThat(decision.get("decision").asString()).isIn("REVIEW", "DECLINE");
    assertThat(decision.get("reasons").get(0).get("code").asString()).isNotBlank();

    HttpResponse<String> labelled =
        post(
            "/api/finance/labels",
            "{\"transactionId\":\"t-big\",\"fraud\":true,\"source\":\"analyst\",\"pattern\":\"CARD_TESTING\"}");
    assertThat(labelled.statusCode()).isEqualTo(202);
    assertThat(post("/api/finance/labels", "{\"fraud\":true}").statusCode()).isEqualTo(400);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/api/finance/cases?status=RESOLVED").body().contains("t-big"));
    JsonNode cases =
        StratumJson.mapper().readTree(get("/api/finance/cases?status=RESOLVED").body());
    assertThat(cases)
        .anySatisfy(found -> {
          assertThat(found.get("decision").get("transactionId").asString()).isEqualTo("t-big");
          assertThat(found.get("label").get("fraud").asBoolean()).isTrue();
        });
    assertThat(get("/api/finance/cases?status=OPEN").body()).doesNotContain("\"t-big\"");
  }

  @Test
  void recordsEachThresholdChangeInTheHashChainedAuditLog() throws Exception {
    JdbcThresholdJournal journal = new JdbcThresholdJournal(jdbc, transactions, audit);
    TenantId bank = TenantId.of(tenant);
    journal.record(
        new ThresholdChange(
            bank,
            new Thresholds(0.5, 0.9),
            new Thresholds(0.4, 0.8),
            0.02,
            0.005,
            10_000,
            Instant.now()));

    assertThat(journal.load()).containsEntry(bank, new Thresholds(0.4, 0.8));
    assertThat(audit.verify().isIntact()).isTrue();
    HttpResponse<String> history = get("/api/finance/thresholds/history");
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(history.body()).contains("threshold.adapted").contains("\"reviewTo\":0.4");
    assertThat(get("/api/finance/thresholds").body()).contains("\"review\"");
  }

  private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        SharedInfrastructure.get().kafkaBootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("finance.transactions.dlq"));
      ConsumerRecord<String, byte[]>[] found = new ConsumerRecord[1];
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
              if (key.equals(record.key())) {
                found[0] = record;
              }
            }
            return found[0] != null;
          });
      return found[0];
    }
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header(TENANT_HEADER, tenant)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header(TENANT_HEADER, tenant)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

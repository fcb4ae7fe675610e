package ai.stratum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.stratum.core.events.EventHeaders;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.FinanceApplication;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ConsoleUsers;
import ai.stratum.gateway.tenancy.Tenants;
import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's finance live view in front of the real finance service (started here on the same
 * PostgreSQL and Kafka): transactions published to {@code finance.transactions}, and a record
 * finance refuses to its dead-letter topic, change what an analyst sees without reloading.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FinanceLiveViewEndToEndTest {

  private static final String PASSWORD = "correct horse battery";
  private static final int TRANSACTIONS = 20;

  private static ConfigurableApplicationContext finance;

  @DynamicPropertySource
  static void financeUpstream(DynamicPropertyRegistry registry) {
    registry.add(
        "stratum.gateway.routing.routes.finance.upstream",
        () ->
            "http://localhost:"
                + ((WebServerApplicationContext) finance()).getWebServer().getPort());
  }

  private static synchronized ConfigurableApplicationContext finance() {
    if (finance == null) {
      finance =
          new SpringApplicationBuilder(FinanceApplication.class)
              .run(
                  "--server.port=0",
                  "--stratum.core.storage.root=target/e2e-finance-storage",
                  // small feature state: this JVM also hosts Kafka and the gateway
                  "--stratum.finance.features.cards=4096",
                  "--stratum.finance.features.accounts=4096",
                  "--stratum.finance.features.merchants=1024",
                  "--stratum.finance.features.devices=4096");
    }
    return finance;
  }

  @AfterAll
  static void stopFinance() {
    if (finance != null) {
      finance.close();
      finance = null;
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired Tenants tenants;
  @Autowired ConsoleUsers users;

  @Test
  void analystSeesPublishedTransactionsAndADeadLetterArriveInTheLiveView() throws Exception {
    assumeTrue(ConsoleBrowser.installed(), "chromium and chromium-driver are not installed");
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    TenantId bank = TenantId.of("bank-" + suffix);
    tenants.create(bank, "Bank " + suffix, "test");
    String analyst = "analyst-" + suffix;
    users.create(analyst, bank, Set.of(Role.ANALYST), PASSWORD, "test");

    try (ConsoleBrowser console = ConsoleBrowser.start()) {
      WebDriver browser = console.driver();
      WebDriverWait wait = console.await();
      console.logIn("http://localhost:" + port, analyst, PASSWORD);
      browser.findElement(By.linkText("Finance")).click();
      assertThat(decided(browser)).isZero();
      assertThat(browser.findElement(By.id("latency-p50")).getText()).isEqualTo("–");
      assertThat(browser.findElement(By.id("dead-letters")).getText()).isEqualTo("0");
      assertThat(browser.findElement(By.id("thresholds")).getText()).contains("review at score");

      publish(bank, suffix);

      new WebDriverWait(browser, Duration.ofSeconds(90))
          .ignoring(StaleElementReferenceException.class)
          .until(driver -> decided(driver) == TRANSACTIONS);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "1"));
      wait.until(driver -> String.valueOf(TRANSACTIONS).equals(console.chartedDecisions()));
      console.screenshot("console-finance-live-real-finance.png");
      assertThat(browser.findElement(By.id("latency-p50")).getText()).matches("[0-9.]+");
      assertThat(browser.findElement(By.id("latency-p99")).getText()).matches("[0-9.]+");
      assertThat(Double.parseDouble(browser.findElement(By.id("throughput")).getText()))
          .isPositive();
      assertThat(browser.findElement(By.id("dlq")).getText())
          .contains("malformed-json", "finance.transactions");
      assertThat(browser.getCurrentUrl()).endsWith("/console/finance");
    }
  }

  /** Valid transactions of the bank's cards and one record finance cannot read. */
  private static void publish(TenantId bank, String suffix) throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        SharedInfrastructure.get().kafkaBootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      Instant now = Instant.now();
      for (int i = 0; i < TRANSACTIONS; i++) {
        String card = "card-" + suffix + "-" + (i % 4);
        producer.send(
            new ProducerRecord<>(
                "finance.transactions", card, transaction(bank, suffix + "-" + i, card, now)));
      }
      ProducerRecord<String, byte[]> malformed =
          new ProducerRecord<>(
              "finance.transactions",
              "card-" + suffix + "-bad",
              "{\"transactionId\": 12".getBytes(StandardCharsets.UTF_8));
      // a refused body is never trusted for the tenant; the producer's header is
      malformed.headers().add(EventHeaders.TENANT, bank.value().getBytes(StandardCharsets.UTF_8));
      producer.send(malformed).get();
      producer.flush();
    }
  }

  private static byte[] transaction(TenantId bank, String id, String card, Instant at) {
    Map<String, Object> transaction = new LinkedHashMap<>();
    transaction.put("transactionId", "tx-" + id);
    transaction.put("tenantId", bank.value());
    transaction.put("cardId", card);
    transaction.put("accountId", "acct-" + card);
    transaction.put("customerId", "cust-" + card);
    transaction.put("merchantId", "m-" + (id.hashCode() & 7));
    transaction.put("merchantCategoryCode", "5411");
    transaction.put("merchantCountry", "GB");
    transaction.put("amount", 12.5 + id.length());
    transaction.put("currency", "GBP");
    transaction.put("timestamp", at.toString());
    transaction.put("channel", "POS");
    transaction.put("entryMode", "CHIP");
    transaction.put("cardPresent", true);
    return StratumJson.mapper().writeValueAsBytes(transaction);
  }

  /** Decisions of the window over every outcome the page lists. */
  private static long decided(WebDriver browser) {
    return browser.findElements(By.cssSelector("#outcomes td")).stream()
        .mapToLong(cell -> Long.parseLong(cell.getText()))
        .sum();
  }
}

package ai.stratum.finance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.registry.ModelRegistration;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.registry.ModelStage;
import ai.stratum.core.inference.registry.ModelVersion;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.EntryMode;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.decisions.DecisionEngine;
import ai.stratum.test.RealInfrastructure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The finance package in the model registry (real PostgreSQL) with promotions delivered over {@code
 * platform.models} (real Kafka). Reconciliation is slowed to ten minutes, so every swap here comes
 * from an event. The model name is this class's own, so other test contexts in the JVM keep their
 * versions.
 */
@RealInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "stratum.finance.features.cards=4096",
      "stratum.finance.features.accounts=4096",
      "stratum.finance.features.merchants=1024",
      "stratum.finance.features.devices=4096",
      // decisions come from the engine here; the stream would join the other contexts' group
      "stratum.finance.stream.enabled=false",
      "stratum.core.inference.reconcile-interval=10m"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RiskModelHotSwapTest {

  private static final String MODEL =
      "finance-risk-swap-" + UUID.randomUUID().toString().substring(0, 8);
  private static final TenantId TENANT = TenantId.of("swap-bank");

  @DynamicPropertySource
  static void modelName(DynamicPropertyRegistry properties) {
    properties.add("stratum.finance.scoring.model-name", () -> MODEL);
  }

  @Autowired private ModelRegistry registry;
  @Autowired private ModelServer server;
  @Autowired private DecisionEngine engine;
  @Autowired private ProductionRiskModel production;
  @Autowired private RiskModelSync sync;

  @TempDir private Path directory;

  private final AtomicInteger sequence = new AtomicInteger();

  @Test
  @Order(1)
  void registersAndPromotesTheCommittedVersionWhenTheRegistryHasNone() throws Exception {
    ModelVersion seeded = registry.production(MODEL).orElseThrow();

    assertThat(seeded.version()).isEqualTo(1);
    assertThat(seeded.framework()).isEqualTo(ModelFramework.PACKAGE);
    assertThat(seeded.sha256()).hasSize(64);
    assertThat(seeded.metrics()).containsKey("heldOutWeek");
    assertThat(decide().modelVersion()).isEqualTo(MODEL + ":1");
    assertThat(server.served().keySet()).containsAll(RiskModels.servedNames(seeded.ref()));
  }

  @Test
  @Order(2)
  void swapsToAPromotedVersionWithoutFailingADecisionAndRollsBack() throws Exception {
    ModelVersion second = register(RiskModelHotSwapTest::recalibrated);
    assertThat(second.stage()).isEqualTo(ModelStage.STAGING);

    DecisionLoad load = new DecisionLoad("decisions-during-swap");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.decided() > 20);
      registry.promote(MODEL, second.version(), "hot-swap test");

      await().atMost(Duration.ofSeconds(60)).until(() -> production.version().equals(MODEL + ":2"));
      int afterSwap = load.decided();
      await().atMost(Duration.ofSeconds(30)).until(() -> load.decided() > afterSwap + 20);
    } finally {
      load.stop();
    }

    assertThat(load.failures()).isEmpty();
    assertThat(load.versionsSeen()).containsExactlyInAnyOrder(MODEL + ":1", MODEL + ":2");
    assertThat(decide().modelVersion()).isEqualTo(MODEL + ":2");
    // the replaced version is undeployed once its last batch is done
    awaitServedExactly(second.ref());

    registry.rollback(MODEL, "hot-swap test");

    await().atMost(Duration.ofSeconds(60)).until(() -> production.version().equals(MODEL + ":1"));
    assertThat(decide().modelVersion()).isEqualTo(MODEL + ":1");
    assertThat(registry.production(MODEL).orElseThrow().version()).isEqualTo(1);
    awaitServedExactly(new ModelRef(MODEL, 1));
  }

  private void awaitServedExactly(ModelRef version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(server.served().keySet())
                .filteredOn(name -> name.startsWith(MODEL + "-v"))
                .containsExactlyInAnyOrderElementsOf(RiskModels.servedNames(version)));
  }

  @Test
  @Order(3)
  void keepsServingWhenAPromotedVersionCannotBeLoaded() throws Exception {
    String serving = production.version();
    ModelVersion broken =
        register(committed ->
            withMlp(
                committed,
                new ScoringBundle.Artifact(
                    committed.mlp().model(),
                    committed.mlp().modelVersion(),
                    committed.mlp().file(),
                    "0".repeat(64))));
    ModelVersion repaired = register(RiskModelHotSwapTest::recalibrated);

    DecisionLoad load = new DecisionLoad("decisions-during-failed-swap");
    try {
      registry.promote(MODEL, broken.version(), "hot-swap test");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> sync.lastFailure().filter(why -> why.contains("sha256")).isPresent());
      assertThat(production.version()).isEqualTo(serving);
      assertThat(sync.health().getStatus().getCode()).isEqualTo("UP");
      assertThat(sync.health().getDetails()).containsKey("lastFailure");
      int afterFailure = load.decided();
      await().atMost(Duration.ofSeconds(30)).until(() -> load.decided() > afterFailure + 20);

      registry.promote(MODEL, repaired.version(), "hot-swap test");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> production.version().equals(MODEL + ":" + repaired.version()));
    } finally {
      load.stop();
    }

    assertThat(load.failures()).isEmpty();
    assertThat(load.versionsSeen())
        .contains(serving)
        .doesNotContain(MODEL + ":" + broken.version());
    awaitServedExactly(repaired.ref());
    await().atMost(Duration.ofSeconds(30)).until(() -> sync.lastFailure().isEmpty());
  }

  /** The committed models with another calibrator: a different, self-consistent version. */
  private static ScoringBundle recalibrated(ScoringBundle committed) {
    ScoringBundle.Calibration calibration = committed.calibration();
    return new ScoringBundle(
        "recalibrated for the hot-swap test",
        committed.features(),
        committed.gbdt(),
        committed.mlp(),
        committed.mlpHidden(),
        committed.mlpCenter(),
        committed.mlpScale(),
        new ScoringBundle.Calibration(
            calibration.gbdt(), calibration.mlp(), calibration.bias() - 0.5),
        committed.riskTables(),
        committed.metrics(),
        Map.of("test", "RiskModelHotSwapTest"));
  }

  private static ScoringBundle withMlp(ScoringBundle bundle, ScoringBundle.Artifact mlp) {
    return new ScoringBundle(
        bundle.version(),
        bundle.features(),
        bundle.gbdt(),
        mlp,
        bundle.mlpHidden(),
        bundle.mlpCenter(),
        bundle.mlpScale(),
        bundle.calibration(),
        bundle.riskTables(),
        bundle.metrics(),
        bundle.provenance());
  }

  /** Registers the committed models with the bundle changed by {@code change}. */
  private ModelVersion register(UnaryOperator<ScoringBundle> change) throws Exception {
    Path version = Files.createTempDirectory(directory, "version-");
    RiskModels.copyFromClasspath(version);
    ScoringBundle bundle = change.apply(RiskModels.readBundle(version));
    Files.write(
        version.resolve(ScoringBundle.FILE), StratumJson.mapper().writeValueAsBytes(bundle));
    ByteArrayOutputStream pack = new ByteArrayOutputStream();
    RiskModels.writePackage(version, pack);
    return registry.register(
        new ModelRegistration(
            MODEL,
            ModelFramework.PACKAGE,
            RiskModels.PACKAGE_SIGNATURE,
            bundle.metrics(),
            "hot-swap test",
            new ModelRef(MODEL, 1),
            null),
        new ByteArrayInputStream(pack.toByteArray()));
  }

  /** Decides on one thread, as fast as it can, until stopped; remembers versions and failures. */
  private final class DecisionLoad {

    private final Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger decided = new AtomicInteger();
    private final Thread thread;

    DecisionLoad(String name) {
      thread =
          Thread.ofPlatform()
              .name(name)
              .start(() -> {
                while (running.get()) {
                  try {
                    versionsSeen.add(decide().modelVersion());
                    decided.incrementAndGet();
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                }
              });
    }

    int decided() {
      return decided.get();
    }

    Set<String> versionsSeen() {
      return versionsSeen;
    }

    List<Throwable> failures() {
      return failures;
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  private Decision decide() {
    int n = sequence.incrementAndGet();
    Transaction transaction =
        new Transaction(
            "swap-" + n,
            TENANT,
            "card-" + (n % 50),
            "acct-" + (n % 50),
            "cust-" + (n % 50),
            "m-" + (n % 7),
            "5732",
            "GB",
            10.0 + n % 90,
            "GBP",
            Instant.now(),
            Channel.POS,
            EntryMode.CHIP,
            null,
            null,
            51.5,
            -0.12,
            true);
    return engine.decide(List.of(transaction), Instant.now()).getFirst();
  }
}

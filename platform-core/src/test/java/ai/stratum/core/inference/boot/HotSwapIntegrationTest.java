package ai.stratum.core.inference.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.events.EventsAutoConfiguration;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.PlatformModelsTopic;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TestModels;
import ai.stratum.core.inference.registry.ModelRegistration;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.registry.ModelRegistryAutoConfiguration;
import ai.stratum.core.inference.registry.ModelVersion;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.json.JsonAutoConfiguration;
import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.storage.FileSystemContentStore;
import ai.stratum.core.storage.StorageAutoConfiguration;
import ai.stratum.test.RealInfrastructure;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Services wired by the auto-configuration, on real PostgreSQL and Kafka: a promotion in the
 * registry reaches every running instance through {@code platform.models} and is swapped in under
 * load without a failed request.
 */
@RealInfrastructure
class HotSwapIntegrationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A new consumer group joins and a model loads; generous for a busy 2-core machine. */
  private static final Duration KAFKA = Duration.ofSeconds(90);

  private static final List<Tensor> INPUT = List.of(TestModels.features(0.5f, -1f, 2f, 0f));

  @TempDir static Path storage;
  @TempDir Path artifacts;

  private final String model = "hot-swap-" + UUID.randomUUID().toString().substring(0, 8);

  private final ApplicationContextRunner service =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  KafkaAutoConfiguration.class,
                  JsonAutoConfiguration.class,
                  StorageAutoConfiguration.class,
                  EventsAutoConfiguration.class,
                  ModelRegistryAutoConfiguration.class,
                  InferenceAutoConfiguration.class))
          .withPropertyValues(
              "stratum.core.storage.root=" + storage,
              "stratum.core.inference.device=cpu",
              "stratum.core.inference.models=" + model,
              "stratum.core.inference.batching.max-batch-size=16",
              "stratum.core.inference.batching.workers=2");

  @BeforeAll
  static void createTopic() throws Exception {
    PlatformModelsTopic.create();
  }

  @Test
  void everyInstanceSwapsToThePromotedVersionUnderLoadWithoutFailingARequest() throws Exception {
    service.run(first -> {
      assertThat(first).hasNotFailed();
      ModelRegistry registry = first.getBean(ModelRegistry.class);
      ModelServer server = first.getBean(ModelServer.class);
      assertThat(server.served(model)).as("nothing promoted yet").isEmpty();

      registry.promote(model, register(registry, 1).version(), "alice");
      await().atMost(KAFKA).until(() -> server.served(model).isPresent());
      assertThat(server.served(model)).contains(new ModelRef(model, 1));

      Load load = new Load(server, model, 6);
      await().atMost(KAFKA).until(() -> load.answered.get() >= 300);
      registry.promote(model, register(registry, 2).version(), "bob");
      await()
          .atMost(KAFKA)
          .until(() -> server.served(model).equals(java.util.Optional.of(new ModelRef(model, 2))));
      int atSwap = load.answered.get();
      await().atMost(KAFKA).until(() -> load.answered.get() >= atSwap + 300);
      load.stop();

      assertThat(load.failures).isEmpty();
      assertThat(load.versionsSeen)
          .containsExactlyInAnyOrder(new ModelRef(model, 1), new ModelRef(model, 2));

      service.run(second -> {
        assertThat(second.getBean(ModelServer.class).served(model))
            .as("a new instance starts on the production version")
            .contains(new ModelRef(model, 2));
        registry.rollback(model, "oncall");
        await()
            .atMost(KAFKA)
            .untilAsserted(() -> {
              assertThat(server.served(model)).contains(new ModelRef(model, 1));
              assertThat(second.getBean(ModelServer.class).served(model))
                  .contains(new ModelRef(model, 1));
            });
      });
    });
  }

  @Test
  void aTamperedArtifactIsRefusedAndThePreviousVersionKeepsServing() throws Exception {
    service.run(context -> {
      ModelRegistry registry = context.getBean(ModelRegistry.class);
      ModelServer server = context.getBean(ModelServer.class);
      ProductionModels productionModels = context.getBean(ProductionModels.class);
      registry.promote(model, register(registry, 1).version(), "alice");
      await().atMost(KAFKA).until(() -> server.served(model).isPresent());
      ModelVersion tampered = register(registry, 2);
      Path stored =
          context
              .getBean(FileSystemContentStore.class)
              .pathOf(new ContentAddress(tampered.sha256()));
      stored.toFile().setWritable(true);
      byte[] bytes = Files.readAllBytes(stored);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(stored, bytes);

      registry.promote(model, tampered.version(), "mallory");

      await().atMost(KAFKA).until(() -> productionModels.lastFailure(model).isPresent());
      assertThat(productionModels.lastFailure(model).orElseThrow())
          .contains("'" + model + "' v2")
          .contains("the registry expects " + tampered.sha256());
      assertThat(server.served(model)).contains(new ModelRef(model, 1));
      assertThat(server.predict(model, INPUT, TIMEOUT).join().model())
          .isEqualTo(new ModelRef(model, 1));
    });
  }

  private ModelVersion register(ModelRegistry registry, int seed) throws Exception {
    Path artifact = TestModels.mlpArtifact(artifacts, seed);
    try (InputStream in = Files.newInputStream(artifact)) {
      return registry.register(
          new ModelRegistration(
              model,
              ModelFramework.PYTORCH,
              TestModels.mlpSignature(),
              Map.of("seed", seed),
              "trainer@test",
              null,
              TestModels.sha256(artifact)),
          in);
    }
  }

  /**
   * Closed-loop clients calling the server until stopped, recording failures and the versions that
   * answered.
   */
  private static final class Load {
    final AtomicInteger answered = new AtomicInteger();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final Set<ModelRef> versionsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean firing = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final List<Future<?>> running = new ArrayList<>();

    Load(ModelServer server, String model, int clientCount) {
      clients = Executors.newFixedThreadPool(clientCount);
      for (int i = 0; i < clientCount; i++) {
        running.add(
            clients.submit(() -> {
              while (firing.get()) {
                try {
                  versionsSeen.add(server.predict(model, INPUT, TIMEOUT).join().model());
                  answered.incrementAndGet();
                } catch (RuntimeException e) {
                  failures.add(e);
                }
              }
            }));
      }
    }

    void stop() throws Exception {
      firing.set(false);
      for (Future<?> client : running) {
        client.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
    }
  }
}

package ai.stratum.core.inference.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.EventEnvelopeDeserializer;
import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.events.Topic;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.PlatformModelsTopic;
import ai.stratum.core.inference.TestModels;
import ai.stratum.core.inference.UnknownModelException;
import ai.stratum.core.storage.FileSystemContentStore;
import ai.stratum.core.web.ConflictException;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.test.RealInfrastructure;
import ai.stratum.test.SharedInfrastructure;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

@RealInfrastructure
class ModelRegistryIntegrationTest {

  private static EventPublisher events;
  private static ModelRegistry registry;

  @TempDir static Path storage;

  private static final byte[] SEED = "the committed model".getBytes(StandardCharsets.UTF_8);

  private final String name = "model-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() throws Exception {
    PlatformModelsTopic.create();
    events =
        EventPublisher.using(
            new DefaultKafkaProducerFactory<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.get().kafkaBootstrapServers())));
    registry =
        new ModelRegistry(
            SharedInfrastructure.get().dataSource(),
            ModelRegistrySchema.migrate(SharedInfrastructure.get().dataSource()),
            new FileSystemContentStore(storage),
            events,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    events.close();
  }

  @Test
  void registersVersionsInStagingWithTheArtifactsSha256MetricsAndLineage() throws Exception {
    byte[] artifact = "version one".getBytes(StandardCharsets.UTF_8);

    ModelVersion first = register(artifact, null, Map.of("auc", 0.91, "rows", 20000));
    ModelVersion second =
        register("version two".getBytes(StandardCharsets.UTF_8), first.ref(), Map.of());

    assertThat(first.version()).isEqualTo(1);
    assertThat(first.stage()).isEqualTo(ModelStage.STAGING);
    assertThat(first.sha256()).isEqualTo(sha256(artifact));
    assertThat(first.framework()).isEqualTo(ModelFramework.PYTORCH);
    assertThat(first.signature()).isEqualTo(TestModels.mlpSignature());
    assertThat(first.metrics()).isEqualTo(Map.of("auc", 0.91, "rows", 20000));
    assertThat(first.createdBy()).isEqualTo("trainer@test");
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.parent()).isEqualTo(new ModelRef(name, 1));
    assertThat(registry.versions(name)).extracting(ModelVersion::version).containsExactly(2, 1);
    assertThat(registry.list()).contains(first, second);
    try (InputStream in = registry.openArtifact(first)) {
      assertThat(in.readAllBytes()).isEqualTo(artifact);
    }
  }

  @Test
  void refusesAnUploadThatDoesNotHashToTheExpectedSha256() {
    ModelRegistration registration =
        new ModelRegistration(
            name,
            ModelFramework.XGBOOST,
            TestModels.gbdtSignature(),
            Map.of(),
            "trainer@test",
            null,
            sha256("the file that was meant".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() ->
            registry.register(
                registration, new ByteArrayInputStream("a truncated uplo".getBytes())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("but the registration expects");
    assertThat(registry.versions(name)).isEmpty();
  }

  @Test
  void refusesALineageParentThatIsNotRegistered() {
    assertThatThrownBy(
            () -> register("child".getBytes(), new ModelRef("no-such-parent", 7), Map.of()))
        .isInstanceOf(UnknownModelException.class)
        .hasMessage(
            "Lineage parent 'no-such-parent' v7 of model '" + name + "' is not registered.");
  }

  @Test
  void promotingArchivesThePreviousProductionVersionAndAnnouncesTheChange() throws Exception {
    register("one".getBytes(), null, Map.of());
    ModelVersion two = register("two".getBytes(), null, Map.of());

    registry.promote(name, 1, "alice");
    ModelVersion promoted = registry.promote(name, 2, "bob");

    assertThat(promoted.stage()).isEqualTo(ModelStage.PRODUCTION);
    assertThat(registry.production(name)).contains(promoted);
    assertThat(registry.get(name, 1).stage()).isEqualTo(ModelStage.ARCHIVED);
    List<EventEnvelope<ModelStageChanged>> announced = eventsFor(2);
    assertThat(announced).extracting(EventEnvelope::type).containsOnly(ModelStageChanged.PROMOTED);
    assertThat(announced)
        .extracting(EventEnvelope::payload)
        .containsExactly(
            new ModelStageChanged(name, 1, null, sha256("one".getBytes()), "alice"),
            new ModelStageChanged(name, 2, 1, two.sha256(), "bob"));
    assertThat(announced)
        .extracting(EventEnvelope::tenant)
        .containsOnly(ModelRegistry.PLATFORM_TENANT);
  }

  @Test
  void promotingTheProductionVersionAgainChangesNothing() {
    register("one".getBytes(), null, Map.of());
    registry.promote(name, 1, "alice");

    ModelVersion again = registry.promote(name, 1, "alice");

    assertThat(again.stage()).isEqualTo(ModelStage.PRODUCTION);
    assertThat(eventsFor(1)).hasSize(1);
  }

  @Test
  void rollbacksWalkBackThroughTheVersionsThatWereInProduction() throws Exception {
    for (int i = 1; i <= 3; i++) {
      register(("v" + i).getBytes(), null, Map.of());
      registry.promote(name, i, "alice");
    }

    ModelVersion back = registry.rollback(name, "oncall");
    assertThat(back.version()).isEqualTo(2);
    assertThat(registry.get(name, 3).stage()).isEqualTo(ModelStage.ARCHIVED);

    assertThat(registry.rollback(name, "oncall").version()).isEqualTo(1);
    assertThat(registry.production(name)).map(ModelVersion::version).contains(1);
    assertThatThrownBy(() -> registry.rollback(name, "oncall"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(
            "no earlier production version to roll back to from '" + name + "' v1");
    List<EventEnvelope<ModelStageChanged>> announced = eventsFor(5);
    assertThat(announced.subList(3, 5))
        .extracting(EventEnvelope::type)
        .containsOnly(ModelStageChanged.ROLLED_BACK);
    assertThat(announced.get(3).payload())
        .isEqualTo(new ModelStageChanged(name, 2, 3, back.sha256(), "oncall"));
  }

  @Test
  void anArchivedVersionIsNoLongerARollbackTargetAndTheProductionVersionCannotBeArchived() {
    for (int i = 1; i <= 3; i++) {
      register(("v" + i).getBytes(), null, Map.of());
      registry.promote(name, i, "alice");
    }

    registry.archive(name, 2, "alice");
    assertThatThrownBy(() -> registry.archive(name, 3, "alice"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("'" + name + "' v3 is in production");

    assertThat(registry.rollback(name, "oncall").version()).isEqualTo(1);
  }

  @Test
  void reportsAnUnknownVersion() {
    assertThatThrownBy(() -> registry.get(name, 9))
        .isInstanceOf(UnknownModelException.class)
        .hasMessage("No version 9 of model '" + name + "' is registered.");
    assertThatThrownBy(() -> registry.promote(name, 9, "alice"))
        .isInstanceOf(UnknownModelException.class);
  }

  @Test
  void concurrentPromotionsLeaveExactlyOneProductionVersion() throws Exception {
    for (int i = 1; i <= 6; i++) {
      register(("v" + i).getBytes(), null, Map.of());
    }
    List<Callable<ModelVersion>> promotions = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      int version = i;
      promotions.add(() -> registry.promote(name, version, "racer-" + version));
    }
    try (ExecutorService racers = Executors.newFixedThreadPool(6)) {
      for (Future<ModelVersion> promotion : racers.invokeAll(promotions)) {
        promotion.get(60, TimeUnit.SECONDS);
      }
    }

    assertThat(registry.versions(name))
        .filteredOn(v -> v.stage() == ModelStage.PRODUCTION)
        .hasSize(1);
    assertThat(registry.versions(name))
        .filteredOn(v -> v.stage() == ModelStage.ARCHIVED)
        .hasSize(5);
  }

  @Test
  void instancesSeedingAtTheSameMomentLeaveOneVersionInProduction() throws Exception {
    List<Callable<Optional<ModelVersion>>> seeds = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      String instance = "instance-" + i;
      seeds.add(() -> registry.seed(registration(instance), new ByteArrayInputStream(SEED)));
    }
    List<Optional<ModelVersion>> results = new ArrayList<>();
    try (ExecutorService instances = Executors.newFixedThreadPool(4)) {
      for (Future<Optional<ModelVersion>> seed : instances.invokeAll(seeds)) {
        results.add(seed.get(60, TimeUnit.SECONDS));
      }
    }

    assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
    ModelVersion seeded = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
    assertThat(seeded.version()).isEqualTo(1);
    assertThat(seeded.stage()).isEqualTo(ModelStage.PRODUCTION);
    assertThat(seeded.sha256()).isEqualTo(sha256(SEED));
    assertThat(registry.versions(name)).containsExactly(seeded);
    assertThat(eventsFor(1))
        .extracting(EventEnvelope::payload)
        .containsExactly(new ModelStageChanged(name, 1, null, sha256(SEED), seeded.createdBy()));
  }

  @Test
  void seedingAModelThatHasAVersionChangesNothing() throws Exception {
    ModelVersion registered = register("trained".getBytes(), null, Map.of());

    assertThat(registry.seed(registration("late-instance"), new ByteArrayInputStream(SEED)))
        .isEmpty();
    assertThat(registry.versions(name)).containsExactly(registered);
  }

  private ModelRegistration registration(String createdBy) {
    return new ModelRegistration(
        name, ModelFramework.PYTORCH, TestModels.mlpSignature(), Map.of(), createdBy, null, null);
  }

  private ModelVersion register(byte[] artifact, ModelRef parent, Map<String, Object> metrics) {
    try {
      return registry.register(
          new ModelRegistration(
              name,
              ModelFramework.PYTORCH,
              TestModels.mlpSignature(),
              metrics,
              "trainer@test",
              parent,
              null),
          new ByteArrayInputStream(artifact));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The events on platform.models for this test's model, once {@code count} have arrived. */
  private List<EventEnvelope<ModelStageChanged>> eventsFor(int count) {
    List<EventEnvelope<ModelStageChanged>> found = new ArrayList<>();
    TopicPartition partition = new TopicPartition(Topic.PLATFORM_MODELS.topicName(), 0);
    try (KafkaConsumer<String, EventEnvelope<ModelStageChanged>> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new EventEnvelopeDeserializer<>(ModelStageChanged.class))) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .until(() -> {
            consumer
                .poll(Duration.ofMillis(200))
                .forEach(record -> {
                  if (name.equals(record.key())) {
                    found.add(record.value());
                  }
                });
            return found.size() >= count;
          });
    }
    return found;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

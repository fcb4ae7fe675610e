package ai.stratum.core.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.inference.ArtifactIntegrityException;
import ai.stratum.core.inference.InvalidModelInputException;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TestModels;
import ai.stratum.core.inference.UnknownModelException;
import ai.stratum.core.inference.runtime.ComputeDevice;
import ai.stratum.core.inference.runtime.PyTorchRuntime;
import ai.stratum.core.inference.runtime.XGBoostRuntime;
import ai.stratum.core.web.InvalidField;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelServerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Tensor INPUT = TestModels.features(0.5f, -1f, 2f, 0f);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ModelServer server =
      new ModelServer(
          List.of(new PyTorchRuntime(1), new XGBoostRuntime(1)),
          List.of(ComputeDevice.cpu()),
          meters,
          Duration.ofSeconds(30));

  @TempDir Path directory;

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void servesAPyTorchAndAnXGBoostModelSideBySide() throws Exception {
    server.deploy(mlp(1, 1));
    server.deploy(gbdt(16));

    Prediction logits = server.predict("fraud-mlp", List.of(INPUT), TIMEOUT).join();
    Prediction probability =
        server.predict("fraud-gbdt", List.of(TestModels.features(2f, 2f, 0f, 0f)), TIMEOUT).join();

    assertThat(logits.model()).isEqualTo(new ModelRef("fraud-mlp", 1));
    assertThat(logits.output().shape()).containsExactly(2);
    assertThat(probability.output().shape()).containsExactly(1);
    assertThat(probability.output().floatData()[0]).isGreaterThan(0.9f);
    assertThat(server.served())
        .isEqualTo(
            Map.of(
                "fraud-mlp",
                new ModelRef("fraud-mlp", 1),
                "fraud-gbdt",
                new ModelRef("fraud-gbdt", 1)));
  }

  @Test
  void withoutATimeoutARequestGetsTheModelsDefaultDeadline() throws Exception {
    server.deploy(mlp(1, 8));

    assertThat(server.predict("fraud-mlp", List.of(INPUT)).join().model())
        .isEqualTo(new ModelRef("fraud-mlp", 1));
  }

  @Test
  void batchedRequestsGetTheSameAnswersAsSingleOnes() throws Exception {
    server.deploy(mlp(1, 32));
    List<Tensor> inputs = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      inputs.add(TestModels.features(i / 10f, -i / 20f, 1f, i % 3));
    }
    List<float[]> alone = new ArrayList<>();
    for (Tensor input : inputs) {
      alone.add(server.predict("fraud-mlp", List.of(input), TIMEOUT).join().output().floatData());
    }

    List<java.util.concurrent.CompletableFuture<Prediction>> together =
        inputs.stream().map(input -> server.predict("fraud-mlp", List.of(input), TIMEOUT)).toList();

    for (int i = 0; i < inputs.size(); i++) {
      assertThat(together.get(i).join().output().floatData())
          .containsExactly(alone.get(i), org.assertj.core.api.Assertions.within(1e-5f));
    }
  }

  @Test
  void aBatchRunOnTheCallersThreadGetsTheSameAnswersAsQueuedRequests() throws Exception {
    server.deploy(mlp(1, 8));
    server.deploy(gbdt(8));
    List<Tensor> inputs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      inputs.add(TestModels.features(i / 10f, -i / 20f, 1f, i % 3));
    }

    for (String model : List.of("fraud-mlp", "fraud-gbdt")) {
      Prediction batch = server.predictBatch(model, List.of(Tensor.stack(inputs)));

      assertThat(batch.model()).isEqualTo(new ModelRef(model, 1));
      List<Tensor> rows = batch.output().unstack();
      assertThat(rows).hasSize(inputs.size());
      for (int i = 0; i < inputs.size(); i++) {
        assertThat(rows.get(i).floatData())
            .containsExactly(
                server.predict(model, List.of(inputs.get(i)), TIMEOUT).join().output().floatData(),
                org.assertj.core.api.Assertions.within(1e-5f));
      }
    }
  }

  @Test
  void rejectsABatchThatIsNotAStackOfValidSamples() throws Exception {
    server.deploy(mlp(1, 8));

    assertThatThrownBy(() ->
            server.predictBatch(
                "fraud-mlp", List.of(Tensor.stack(List.of(TestModels.features(1f, 2f, 3f))))))
        .isInstanceOf(InvalidModelInputException.class)
        .hasMessage(
            "Inputs do not match model 'fraud-mlp' v1: input 'features' expected float32[4], got float32[3].");
    assertThatThrownBy(() -> server.predictBatch("fraud-mlp", List.of(INPUT)))
        .isInstanceOf(InvalidModelInputException.class)
        .hasMessageContaining("expected float32[4]");
    assertThatThrownBy(
            () -> server.predictBatch("fraud-cnn", List.of(Tensor.stack(List.of(INPUT)))))
        .isInstanceOf(UnknownModelException.class);
  }

  @Test
  void batchesOnCallersThreadsSurviveAVersionSwap() throws Exception {
    server.deploy(mlp(1, 16));
    Tensor batch = Tensor.stack(List.of(INPUT, INPUT, INPUT));

    SwapUnderLoad swap =
        swapVersionUnderLoad(
            3,
            100,
            () -> {
              Prediction prediction = server.predictBatch("fraud-mlp", List.of(batch));
              assertThat(prediction.output().dimension(0)).isEqualTo(3);
              return prediction.model();
            });

    assertThat(swap.failures()).isEmpty();
    assertThat(swap.versionsSeen())
        .containsExactlyInAnyOrder(new ModelRef("fraud-mlp", 1), new ModelRef("fraud-mlp", 2));
  }

  @Test
  void rejectsAWrongShapeNamingTheModelTheInputAndWhatWasExpected() throws Exception {
    server.deploy(mlp(1, 8));

    assertThatThrownBy(() ->
            server.predict("fraud-mlp", List.of(TestModels.features(1f, 2f, 3f)), TIMEOUT).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(InvalidModelInputException.class)
        .hasMessage(
            "Inputs do not match model 'fraud-mlp' v1: input 'features' expected float32[4], got float32[3].")
        .satisfies(e ->
            assertThat(((InvalidModelInputException) e).errors())
                .containsExactly(
                    new InvalidField("features", "expected float32[4], got float32[3]")));
  }

  @Test
  void rejectsAWrongTypeAndAWrongNumberOfInputs() throws Exception {
    server.deploy(mlp(1, 8));

    assertThatThrownBy(() ->
            server
                .predict(
                    "fraud-mlp", List.of(Tensor.ofDoubles(new double[] {1, 2, 3, 4}, 4)), TIMEOUT)
                .join())
        .cause()
        .isInstanceOf(InvalidModelInputException.class)
        .hasMessageContaining("input 'features' expected float32[4], got float64[4]");
    assertThatThrownBy(() -> server.predict("fraud-mlp", List.of(INPUT, INPUT), TIMEOUT).join())
        .cause()
        .isInstanceOf(InvalidModelInputException.class)
        .hasMessageContaining("expected 1 input(s) [features float32[4]], got 2");
  }

  @Test
  void rejectsAnUnknownModelNamingTheModelsItServes() throws Exception {
    server.deploy(mlp(1, 8));

    assertThatThrownBy(() -> server.predict("fraud-gbmt", List.of(INPUT), TIMEOUT).join())
        .cause()
        .isInstanceOf(UnknownModelException.class)
        .hasMessage("No model 'fraud-gbmt' is served here; served models: [fraud-mlp].");
  }

  @Test
  void refusesAnArtifactWhoseSha256DoesNotMatchAndKeepsServingThePreviousVersion()
      throws Exception {
    server.deploy(mlp(1, 8));
    Path tampered = TestModels.mlpArtifact(directory, 2);
    String registered = TestModels.sha256(tampered);
    byte[] bytes = Files.readAllBytes(tampered);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(tampered, bytes);

    assertThatThrownBy(() ->
            server.deploy(
                new ModelDeployment(
                    new ModelRef("fraud-mlp", 2),
                    ModelFramework.PYTORCH,
                    TestModels.mlpSignature(),
                    tampered,
                    registered,
                    TestModels.batching(8))))
        .isInstanceOf(ArtifactIntegrityException.class)
        .hasMessageContaining("'fraud-mlp' v2")
        .hasMessageContaining("the registry expects " + registered);

    assertThat(server.served("fraud-mlp")).contains(new ModelRef("fraud-mlp", 1));
    assertThat(server.predict("fraud-mlp", List.of(INPUT), TIMEOUT).join().model())
        .isEqualTo(new ModelRef("fraud-mlp", 1));
  }

  @Test
  void aCorruptArtifactFailsItsOwnDeploymentWhileOtherModelsKeepServing() throws Exception {
    server.deploy(mlp(1, 8));
    Path corrupt = Files.write(directory.resolve("corrupt.zip"), "PK not really a zip".getBytes());

    assertThatThrownBy(() ->
            server.deploy(
                new ModelDeployment(
                    new ModelRef("nodule-cnn", 4),
                    ModelFramework.PYTORCH,
                    TestModels.mlpSignature(),
                    corrupt,
                    TestModels.sha256(corrupt),
                    TestModels.batching(8))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'nodule-cnn' v4")
        .hasMessageContaining("not a zip archive");

    assertThat(server.served()).containsOnlyKeys("fraud-mlp");
    assertThat(server.predict("fraud-mlp", List.of(INPUT), TIMEOUT).join().output().shape())
        .containsExactly(2);
  }

  @Test
  void swapsVersionsUnderLoadWithoutFailingARequest() throws Exception {
    server.deploy(mlp(1, 16));

    SwapUnderLoad swap =
        swapVersionUnderLoad(
            6, 300, () -> server.predict("fraud-mlp", List.of(INPUT), TIMEOUT).join().model());

    assertThat(swap.failures()).isEmpty();
    assertThat(swap.versionsSeen())
        .containsExactlyInAnyOrder(new ModelRef("fraud-mlp", 1), new ModelRef("fraud-mlp", 2));
    assertThat(server.predict("fraud-mlp", List.of(INPUT), TIMEOUT).join().model())
        .isEqualTo(new ModelRef("fraud-mlp", 2));
    assertThat(meters.find("stratum.inference.queue.depth").tag("version", "1").gauge())
        .as("the drained version's meters are gone")
        .isNull();
    assertThat(meters.find("stratum.inference.queue.depth").tag("version", "2").gauge())
        .isNotNull();
  }

  /** What callers saw while version 2 replaced version 1 under their load. */
  private record SwapUnderLoad(Set<ModelRef> versionsSeen, List<Throwable> failures) {}

  /**
   * Keeps {@code callers} threads calling until {@code answersEachSide} answers came before and
   * after deploying version 2 of fraud-mlp.
   */
  private SwapUnderLoad swapVersionUnderLoad(
      int callers, int answersEachSide, Callable<ModelRef> call) throws Exception {
    AtomicBoolean firing = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Set<ModelRef> versionsSeen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<?>> running = new ArrayList<>();
    for (int caller = 0; caller < callers; caller++) {
      running.add(
          pool.submit(() -> {
            while (firing.get()) {
              try {
                versionsSeen.add(call.call());
                answered.incrementAndGet();
              } catch (Exception | AssertionError e) {
                failures.add(e);
              }
            }
          }));
    }
    await().until(() -> answered.get() >= answersEachSide);

    server.deploy(mlp(2, 16));
    int atSwap = answered.get();
    await().until(() -> answered.get() >= atSwap + answersEachSide);
    firing.set(false);
    for (Future<?> caller : running) {
      caller.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return new SwapUnderLoad(versionsSeen, failures);
  }

  private ModelDeployment gbdt(int maxBatchSize) throws Exception {
    Path artifact = Files.write(directory.resolve("gbdt.ubj"), TestModels.trainedBooster(500));
    return new ModelDeployment(
        new ModelRef("fraud-gbdt", 1),
        ModelFramework.XGBOOST,
        TestModels.gbdtSignature(),
        artifact,
        TestModels.sha256(artifact),
        TestModels.batching(maxBatchSize));
  }

  private ModelDeployment mlp(int version, int maxBatchSize) throws Exception {
    Path artifact = TestModels.mlpArtifact(directory, version);
    return new ModelDeployment(
        new ModelRef("fraud-mlp", version),
        ModelFramework.PYTORCH,
        TestModels.mlpSignature(),
        artifact,
        TestModels.sha256(artifact),
        TestModels.batching(maxBatchSize));
  }
}

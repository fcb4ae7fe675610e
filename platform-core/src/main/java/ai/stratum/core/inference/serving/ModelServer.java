package ai.stratum.core.inference.serving;

import ai.stratum.core.inference.ArtifactIntegrityException;
import ai.stratum.core.inference.InvalidModelInputException;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.UnknownModelException;
import ai.stratum.core.inference.runtime.ComputeDevice;
import ai.stratum.core.inference.runtime.ModelRuntime;
import ai.stratum.core.inference.serving.internal.DynamicBatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves model versions by name. {@link #deploy} loads and warms a version next to the one in
 * service, switches to it atomically and only then drains and closes the old one; a request that
 * raced with the switch is re-routed to the new version, so a swap fails no request. Thread-safe.
 */
public final class ModelServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelServer.class);

  private final Map<ModelFramework, ModelRuntime> runtimes = new EnumMap<>(ModelFramework.class);
  private final List<ComputeDevice> devices;
  private final MeterRegistry meters;
  private final Duration drainTimeout;
  private final Map<String, ServedVersion> served = new ConcurrentHashMap<>();
  private final Map<String, Object> deployLocks = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor deadlines;

  /**
   * @param devices where every model is served, each with its own batcher (see {@code
   *     DeviceSelector})
   * @param drainTimeout how long a replaced version may take to finish its queued requests
   */
  public ModelServer(
      List<ModelRuntime> runtimes,
      List<ComputeDevice> devices,
      MeterRegistry meters,
      Duration drainTimeout) {
    runtimes.forEach(runtime -> this.runtimes.put(runtime.framework(), runtime));
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("at least one device is needed");
    }
    this.devices = List.copyOf(devices);
    this.meters = meters;
    this.drainTimeout = drainTimeout;
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("inference-deadlines").daemon().factory());
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /**
   * Serves the version under its name, replacing the one in service (if different) without failing
   * a request.
   *
   * @throws ArtifactIntegrityException when the artifact does not hash to the deployment's sha256
   * @throws ModelLoadException when the version cannot be loaded or warmed; the previous version
   *     keeps serving
   */
  public void deploy(ModelDeployment deployment) {
    String name = deployment.model().name();
    synchronized (deployLocks.computeIfAbsent(name, key -> new Object())) {
      ServedVersion current = served.get(name);
      if (current != null && current.ref().equals(deployment.model())) {
        return;
      }
      verifyArtifact(deployment);
      ModelRuntime runtime = runtimes.get(deployment.framework());
      if (runtime == null) {
        throw new ModelLoadException(
            deployment.model(),
            "no runtime for framework "
                + deployment.framework()
                + "; available: "
                + runtimes.keySet());
      }
      long started = System.nanoTime();
      ServedVersion next = ServedVersion.start(deployment, runtime, devices, deadlines, meters);
      served.put(name, next);
      log.info(
          "Serving model {} on {} (loaded and warmed in {} ms){}",
          deployment.model(),
          devices,
          (System.nanoTime() - started) / 1_000_000,
          current == null ? "" : "; draining " + current.ref());
      if (current != null) {
        current.close(drainTimeout);
      }
    }
  }

  /**
   * Stops serving the model after finishing its queued requests; later requests get {@link
   * UnknownModelException}.
   */
  public void undeploy(String name) {
    synchronized (deployLocks.computeIfAbsent(name, key -> new Object())) {
      ServedVersion current = served.remove(name);
      if (current != null) {
        current.close(drainTimeout);
        log.info("Stopped serving model {}", current.ref());
      }
    }
  }

  /** The version served under each name. */
  public Map<String, ModelRef> served() {
    return served.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().ref()));
  }

  public Optional<ModelRef> served(String name) {
    return Optional.ofNullable(served.get(name)).map(ServedVersion::ref);
  }

  /**
   * Like {@link #predict(String, List, Duration)} with the deadline of the model's batching
   * settings.
   */
  public CompletableFuture<Prediction> predict(String name, List<Tensor> inputs) {
    return predict(name, inputs, null);
  }

  /**
   * Queues one sample for the model's current version.
   *
   * @param inputs one tensor per signature input, without a batch dimension
   * @param timeout the request's deadline, from now; null for the model's default
   * @return completes with the prediction, or exceptionally with {@link UnknownModelException},
   *     {@link InvalidModelInputException}, {@link
   *     ai.stratum.core.inference.ModelOverloadedException} (queue full), {@link
   *     ai.stratum.core.inference.DeadlineExceededException} or {@link
   *     ai.stratum.core.inference.ModelExecutionException}
   */
  public CompletableFuture<Prediction> predict(
      String name, List<Tensor> inputs, @Nullable Duration timeout) {
    while (true) {
      ServedVersion version = served.get(name);
      if (version == null) {
        return CompletableFuture.failedFuture(
            UnknownModelException.notServed(name, served.keySet()));
      }
      InvalidModelInputException invalid = version.validate(inputs);
      if (invalid != null) {
        return CompletableFuture.failedFuture(invalid);
      }
      try {
        return version.submit(inputs, timeout == null ? version.defaultTimeout() : timeout);
      } catch (DynamicBatcher.ClosedException replaced) {
        // the version was swapped out between the lookup and the submit; its successor is already
        // in the map
        Thread.onSpinWait();
      }
    }
  }

  /**
   * Runs a batch the caller has already formed on the calling thread, skipping the model's batcher
   * queue and its two thread hand-offs: for a caller such as a stream consumer that holds a whole
   * batch and waits for it anyway. Single requests should use {@link #predict} so that concurrent
   * callers share batches. Predictors for this path are made on first use and kept, one per
   * concurrent caller; no deadline applies, the caller's thread does the work. A version swapped
   * out meanwhile finishes the batches it started; later ones go to its successor.
   *
   * @param batchedInputs one tensor per signature input, samples stacked along a leading batch
   *     dimension (see {@link Tensor#stack})
   * @return one tensor per signature output with the same leading batch dimension, from the version
   *     in service when the call began
   * @throws UnknownModelException when no version of the model is served
   * @throws InvalidModelInputException when the inputs are not batches fitting the signature
   * @throws ai.stratum.core.inference.ModelExecutionException when the model fails on the batch
   */
  public Prediction predictBatch(String name, List<Tensor> batchedInputs) {
    while (true) {
      ServedVersion version = served.get(name);
      if (version == null) {
        throw UnknownModelException.notServed(name, served.keySet());
      }
      InvalidModelInputException invalid = version.validateBatch(batchedInputs);
      if (invalid != null) {
        throw invalid;
      }
      List<Tensor> outputs = version.runBatch(batchedInputs);
      if (outputs != null) {
        return new Prediction(version.ref(), outputs);
      }
      // swapped out between the lookup and the run; its successor is already in the map
      Thread.onSpinWait();
    }
  }

  /** Drains and closes every served version. */
  @Override
  public void close() {
    served.keySet().forEach(this::undeploy);
    deadlines.shutdownNow();
  }

  private static void verifyArtifact(ModelDeployment deployment) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(deployment.artifact()), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new ModelLoadException(
          deployment.model(),
          "artifact " + deployment.artifact() + " could not be read: " + e.getMessage(),
          e);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(deployment.sha256())) {
      throw new ArtifactIntegrityException(deployment.model(), deployment.sha256(), actual);
    }
  }
}

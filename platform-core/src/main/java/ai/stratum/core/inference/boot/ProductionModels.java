package ai.stratum.core.inference.boot;

import ai.stratum.core.inference.ArtifactIntegrityException;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.registry.ModelVersion;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelDeployment;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.service.PeriodicTask;
import ai.stratum.core.storage.CorruptObjectException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ModelServer} on the production version of each listed model. At start-up it
 * deploys them all (before the service takes traffic); afterwards every {@code platform.models}
 * event and every reconciliation tick re-reads the registry and swaps where the production version
 * changed; a burst of events gives one sync. Syncs never overlap, so two swaps of a model never do.
 * A version that fails to load is logged and the previous one keeps serving.
 */
public final class ProductionModels extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(ProductionModels.class);

  private final ModelServer server;
  private final ModelRegistry registry;
  private final Set<String> models;
  private final Function<String, BatchingSettings> batching;
  private final Map<String, String> lastFailures = new ConcurrentHashMap<>();

  public ProductionModels(
      ModelServer server,
      ModelRegistry registry,
      List<String> models,
      Function<String, BatchingSettings> batching,
      Duration reconcileInterval) {
    super("inference-model-sync", reconcileInterval);
    this.server = server;
    this.registry = registry;
    this.models = new LinkedHashSet<>(models);
    this.batching = batching;
  }

  /**
   * Deploys the production version of every listed model, then starts the periodic reconciliation.
   */
  @Override
  public void start() {
    runOnce();
    super.start();
  }

  @Override
  protected void runOnce() {
    models.forEach(this::sync);
  }

  /**
   * A {@code platform.models} event for the model (key of the record): sync soon. While stopped,
   * nothing: the next start syncs every model anyway.
   */
  public void onModelEvent(String model) {
    if (models.contains(model)) {
      nudge();
    }
  }

  /** Why the last sync of the model failed, if it did; cleared by the next successful sync. */
  public Optional<String> lastFailure(String model) {
    return Optional.ofNullable(lastFailures.get(model));
  }

  /**
   * Before the web server and Kafka listeners start, so a service takes traffic only with its
   * models loaded.
   */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  private void sync(String name) {
    try {
      Optional<ModelVersion> production = registry.production(name);
      if (production.isEmpty()) {
        log.warn(
            "Model '{}' is listed in stratum.core.inference.models but has no production version",
            name);
        return;
      }
      ModelVersion version = production.get();
      if (server.served(name).filter(version.ref()::equals).isEmpty()) {
        deploy(version);
      }
      lastFailures.remove(name);
    } catch (ModelLoadException e) {
      lastFailures.put(name, e.getMessage());
      log.error(
          "{}; still serving {}",
          e.getMessage(),
          server.served(name).map(ModelRef::toString).orElse("no version of '" + name + "'"),
          e);
    } catch (RuntimeException e) {
      lastFailures.put(name, e.toString());
      log.error("Could not sync model '{}' with the registry", name, e);
    }
  }

  private void deploy(ModelVersion version) {
    Path artifact = fetch(version);
    try {
      server.deploy(
          new ModelDeployment(
              version.ref(),
              version.framework(),
              version.signature(),
              artifact,
              version.sha256(),
              batching.apply(version.name())));
    } finally {
      deleteQuietly(artifact);
    }
  }

  /** Copies the artifact out of the content store, which verifies it as it is read. */
  private Path fetch(ModelVersion version) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
    Path artifact;
    try {
      artifact =
          Files.createTempFile(
              "stratum-model-" + version.name() + "-v" + version.version() + "-", ".artifact");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream in = new DigestInputStream(registry.openArtifact(version), digest)) {
      Files.copy(in, artifact, StandardCopyOption.REPLACE_EXISTING);
      return artifact;
    } catch (CorruptObjectException e) {
      deleteQuietly(artifact);
      throw new ArtifactIntegrityException(
          version.ref(), version.sha256(), HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      deleteQuietly(artifact);
      throw new ModelLoadException(
          version.ref(), "artifact could not be read from the content store: " + e, e);
    } catch (RuntimeException e) {
      deleteQuietly(artifact);
      throw e;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete temporary artifact {}", file, e);
    }
  }
}

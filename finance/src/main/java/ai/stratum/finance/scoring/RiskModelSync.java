package ai.stratum.finance.scoring;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.registry.ModelRegistration;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.registry.ModelVersion;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.service.PeriodicTask;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps {@link ProductionRiskModel} on the registry's production version of the finance package. At
 * start it registers and promotes the committed version if the registry has none, and loads the
 * production version before the service takes traffic. Afterwards every {@code platform.models}
 * event for the package and every reconciliation tick re-read the registry; a new production
 * version is loaded and warmed beside the serving one, swapped in, and the old one undeployed once
 * its batches are done. Syncs never overlap. A version that fails to load is logged (and shown by
 * the health indicator) and the previous one keeps serving.
 */
final class RiskModelSync extends PeriodicTask implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(RiskModelSync.class);

  private final ModelServer server;
  private final ModelRegistry registry;
  private final ProductionRiskModel production;
  private final ScoringSettings settings;
  private final BatchingSettings batching;
  private final Duration drainTimeout;
  private volatile @Nullable ModelRef served;
  private volatile @Nullable String lastFailure;

  RiskModelSync(
      ModelServer server,
      ModelRegistry registry,
      ProductionRiskModel production,
      ScoringSettings settings,
      BatchingSettings batching,
      Duration drainTimeout,
      Duration reconcileInterval) {
    super("finance-model-sync", reconcileInterval);
    this.server = server;
    this.registry = registry;
    this.production = production;
    this.settings = settings;
    this.batching = batching;
    this.drainTimeout = drainTimeout;
  }

  /**
   * Seeds the registry with the committed version if it has none, then serves the production
   * version; fails when there is nothing to serve, since every decision would fail.
   */
  private void seedAndLoad() {
    String name = settings.modelName();
    if (registry.versions(name).isEmpty()) {
      seed(name);
    }
    sync();
    if (served == null) {
      throw new IllegalStateException(
          "No finance risk model to serve: "
              + (lastFailure == null
                  ? "model '" + name + "' has no production version; promote one"
                  : lastFailure));
    }
  }

  /** A {@code platform.models} event named the package: sync soon, once for a burst of events. */
  void onModelEvent() {
    nudge();
  }

  /** Why the last sync failed, if it did; cleared by the next successful one. */
  Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /**
   * Up while a version serves, with the version and why the last sync failed, if it did: a promoted
   * version that cannot be loaded leaves the previous one serving, which is no reason to take the
   * instance out of service.
   */
  @Override
  public Health health() {
    ModelRef serving = served;
    if (serving == null) {
      return Health.down().withDetail("model", settings.modelName()).build();
    }
    Health.Builder health = Health.up().withDetail("serving", serving.toString());
    String failure = lastFailure;
    if (failure != null) {
      health.withDetail("lastFailure", failure);
    }
    return health.build();
  }

  /**
   * Serves the production version (seeding the registry first if needed), then reconciles
   * periodically. Runs after the singletons exist, so the topics are created and the promotion
   * event can be published, and before the web server and the stream take traffic.
   */
  @Override
  public void start() {
    seedAndLoad();
    super.start();
  }

  @Override
  protected void runOnce() {
    sync();
  }

  /** Before the web server, the scoring stream and the listeners that deliver events to it. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  private void sync() {
    String name = settings.modelName();
    try {
      Optional<ModelVersion> wanted = registry.production(name);
      if (wanted.isEmpty()) {
        lastFailure = "model '" + name + "' has no production version";
        log.warn("Model '{}' has no production version; still serving {}", name, served);
        return;
      }
      ModelVersion version = wanted.get();
      if (!version.ref().equals(served)) {
        swapTo(version);
      }
      lastFailure = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      lastFailure = e.toString();
      log.error(
          "Could not serve the production version of '{}'; still serving {}", name, served, e);
    }
  }

  private void swapTo(ModelVersion version) throws IOException, InterruptedException {
    if (version.framework() != ModelFramework.PACKAGE) {
      throw new IllegalStateException(
          version.ref() + " is a " + version.framework() + " artifact, not a finance package");
    }
    long started = System.nanoTime();
    Path work = Files.createTempDirectory("finance-model-");
    RiskModel next;
    try (InputStream pack = registry.openArtifact(version)) {
      next =
          RiskModels.deployPackage(server, version.ref(), pack, work, batching, settings.timeout());
    } catch (IOException | RuntimeException e) {
      // a half-deployed version (trees loaded, MLP refused) must not stay loaded
      RiskModels.servedNames(version.ref()).forEach(server::undeploy);
      throw e;
    } finally {
      deleteRecursively(work);
    }
    ModelRef previous = served;
    RiskModel retired = production.serve(next, drainTimeout);
    served = version.ref();
    if (retired != null && previous != null) {
      RiskModels.servedNames(previous).forEach(server::undeploy);
    }
    log.info(
        "Serving finance risk model {} (loaded and warmed in {} ms){}",
        version.ref(),
        (System.nanoTime() - started) / 1_000_000,
        previous == null ? "" : "; retired " + previous);
  }

  private void seed(String name) {
    Path directory = settings.modelDirectory();
    try {
      Path source = directory;
      if (source == null) {
        source = Files.createTempDirectory("finance-committed-model-");
        RiskModels.copyFromClasspath(source);
      }
      ScoringBundle bundle = RiskModels.readBundle(source);
      ByteArrayOutputStream pack = new ByteArrayOutputStream();
      RiskModels.writePackage(source, pack);
      if (directory == null) {
        deleteRecursively(source);
      }
      Optional<ModelVersion> seeded;
      try (InputStream in = new ByteArrayInputStream(pack.toByteArray())) {
        seeded =
            registry.seed(
                new ModelRegistration(
                    name,
                    ModelFramework.PACKAGE,
                    RiskModels.PACKAGE_SIGNATURE,
                    bundle.metrics(),
                    "finance seed: " + bundle.version(),
                    null,
                    null),
                in);
      }
      seeded.ifPresent(version ->
          log.info(
              "Registered and promoted the committed finance model ({}) as {}",
              bundle.version(),
              version.ref()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot register the committed finance model", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete {}", directory, e);
    }
  }
}

package ai.stratum.medical.detection.internal;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.registry.ModelRegistration;
import ai.stratum.core.inference.registry.ModelRegistry;
import ai.stratum.core.inference.registry.ModelVersion;
import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.detection.DetectionProperties;
import ai.stratum.medical.detection.NoduleCnn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Registers the committed nodule CNN ({@code stratum.medical.detection.model-artifact}, with the
 * metrics of the manifest beside it) and promotes it when the registry knows no version of it yet;
 * the promotion event makes the inference core deploy it. Later versions come from retraining
 * through the registry, which this never overrides.
 */
@Component
public class NoduleModelSeeder {

  private static final Logger log = LoggerFactory.getLogger(NoduleModelSeeder.class);

  private final DetectionProperties properties;
  private final ObjectProvider<ModelRegistry> registry;

  NoduleModelSeeder(DetectionProperties properties, ObjectProvider<ModelRegistry> registry) {
    this.properties = properties;
    this.registry = registry;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void seed() throws IOException {
    ModelRegistry models = registry.getIfAvailable();
    String configured = properties.modelArtifact();
    if (models == null || configured.isBlank()) {
      return;
    }
    Path artifact = Path.of(configured);
    String name = NoduleCnn.MODEL_NAME;
    if (!models.versions(name).isEmpty()) {
      return;
    }
    if (!Files.isRegularFile(artifact)) {
      log.warn("No {} at {}: nodule detection stays classical", name, artifact.toAbsolutePath());
      return;
    }
    Map<String, Object> metrics = Map.of();
    Path manifest = artifact.resolveSibling("metrics.json");
    if (Files.isRegularFile(manifest)) {
      metrics =
          StratumJson.mapper()
              .readValue(Files.readString(manifest), new TypeReference<Map<String, Object>>() {});
    }
    Optional<ModelVersion> seeded;
    try (InputStream in = Files.newInputStream(artifact)) {
      seeded =
          models.seed(
              new ModelRegistration(
                  name,
                  ModelFramework.PYTORCH,
                  NoduleCnn.signature(),
                  metrics,
                  "medical seed from " + artifact.getFileName(),
                  null,
                  null),
              in);
    }
    seeded.ifPresent(version ->
        log.info(
            "Registered and promoted {} version {} from {}", name, version.version(), artifact));
  }
}

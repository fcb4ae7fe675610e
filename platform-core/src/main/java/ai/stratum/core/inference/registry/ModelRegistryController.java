package ai.stratum.core.inference.registry;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.UnknownModelException;
import ai.stratum.core.web.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The registry over HTTP ({@code stratum.core.inference.registry-api.enabled=true}); errors are
 * problem details.
 */
@RestController
@RequestMapping("/api/models")
class ModelRegistryController {

  /**
   * The metadata part of a registration; the artifact is the {@code artifact} part.
   *
   * @param sha256 optional: the artifact must hash to it
   */
  record RegistrationRequest(
      @Nullable ModelFramework framework,
      @Nullable ModelSignature signature,
      @Nullable Map<String, Object> metrics,
      @Nullable String createdBy,
      @Nullable ModelRef parent,
      @Nullable String sha256) {}

  /** Who asks for a stage change, for the stage history. */
  record StageChangeRequest(@Nullable String changedBy) {}

  private final ModelRegistry registry;

  ModelRegistryController(ModelRegistry registry) {
    this.registry = registry;
  }

  @GetMapping
  List<ModelVersion> list() {
    return registry.list();
  }

  @GetMapping("/{name}/versions")
  List<ModelVersion> versions(@PathVariable String name) {
    List<ModelVersion> versions = registry.versions(name);
    if (versions.isEmpty()) {
      throw new UnknownModelException("No model '" + name + "' is registered.");
    }
    return versions;
  }

  @GetMapping("/{name}/versions/{version}")
  ModelVersion version(@PathVariable String name, @PathVariable int version) {
    return registry.get(name, version);
  }

  @GetMapping("/{name}/production")
  ModelVersion production(@PathVariable String name) {
    return registry
        .production(name)
        .orElseThrow(
            () -> new UnknownModelException("Model '" + name + "' has no production version."));
  }

  @PostMapping(path = "/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ModelVersion> register(
      @PathVariable String name,
      @RequestPart("metadata") RegistrationRequest metadata,
      @RequestPart("artifact") MultipartFile artifact)
      throws IOException {
    if (metadata.framework() == null
        || metadata.signature() == null
        || metadata.createdBy() == null) {
      throw new InvalidRequestException(
          "The metadata part needs framework, signature and createdBy.");
    }
    ModelRegistration registration;
    try {
      registration =
          new ModelRegistration(
              name,
              metadata.framework(),
              metadata.signature(),
              metadata.metrics() == null ? Map.of() : metadata.metrics(),
              metadata.createdBy(),
              metadata.parent(),
              metadata.sha256());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    ModelVersion registered;
    try (InputStream in = artifact.getInputStream()) {
      registered = registry.register(registration, in);
    }
    return ResponseEntity.created(
            URI.create("/api/models/" + registered.name() + "/versions/" + registered.version()))
        .body(registered);
  }

  @PostMapping("/{name}/versions/{version}/promote")
  ModelVersion promote(
      @PathVariable String name,
      @PathVariable int version,
      @RequestBody StageChangeRequest request) {
    return registry.promote(name, version, changedBy(request));
  }

  @PostMapping("/{name}/rollback")
  ModelVersion rollback(@PathVariable String name, @RequestBody StageChangeRequest request) {
    return registry.rollback(name, changedBy(request));
  }

  @PostMapping("/{name}/versions/{version}/archive")
  ModelVersion archive(
      @PathVariable String name,
      @PathVariable int version,
      @RequestBody StageChangeRequest request) {
    return registry.archive(name, version, changedBy(request));
  }

  private static String changedBy(StageChangeRequest request) {
    if (request.changedBy() == null || request.changedBy().isBlank()) {
      throw new InvalidRequestException("changedBy must name who changes the stage.");
    }
    return request.changedBy();
  }
}

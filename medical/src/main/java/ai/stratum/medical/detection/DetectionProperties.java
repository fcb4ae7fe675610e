package ai.stratum.medical.detection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stratum.medical.detection}: the detection workers and what input they accept.
 *
 * @param enabled whether this instance runs a detection worker
 * @param group Kafka consumer group of the workers; more members share the studies
 * @param concurrency consumers (threads) of this instance in the group
 * @param minSlices fewer acquired slices than this cannot cover a chest
 * @param maxSliceSpacingMm coarser slices miss small nodules
 * @param minLungVolumeMl less aerated lung than this means the series is not a chest
 * @param minContrastHu weakest nodule contrast against the lung to report
 * @param minBlobness smallest ratio of Hessian eigenvalues (1 a ball, 0 a tube or plate)
 * @param minDiameterMm smaller findings are noise
 * @param modelArtifact the nodule CNN registered when the model registry has none (blank: never)
 * @param reportProbability findings below this probability stay out of reports: the operating
 *     point, about one false positive per scan on the hard held-out phantoms (evaluation sweeps all
 *     findings)
 */
@ConfigurationProperties("stratum.medical.detection")
public record DetectionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("medical-detection") String group,
    @DefaultValue("1") int concurrency,
    @DefaultValue("30") int minSlices,
    @DefaultValue("5.0") double maxSliceSpacingMm,
    @DefaultValue("300") double minLungVolumeMl,
    @DefaultValue("180") double minContrastHu,
    @DefaultValue("0.25") double minBlobness,
    @DefaultValue("2.5") double minDiameterMm,
    @DefaultValue("models/medical/nodule-cnn/artifact.zip") String modelArtifact,
    @DefaultValue("0.9") double reportProbability) {

  /** The defaults, for command-line tools without Spring. */
  public static DetectionProperties defaults() {
    return new DetectionProperties(
        true, "medical-detection", 1, 30, 5.0, 300, 180, 0.25, 2.5, "", 0.9);
  }
}

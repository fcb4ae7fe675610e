package ai.stratum.finance.scoring;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the finance models are served.
 *
 * @param modelName the model registry name of the finance risk package; decisions carry {@code
 *     name:version}
 * @param modelDirectory a directory holding {@value ScoringBundle#FILE} and its artifacts,
 *     registered and promoted when the registry knows no version of {@code modelName}; unset, the
 *     version committed under models/finance (on the classpath)
 * @param maxBatchSize most samples the inference core runs together
 * @param maxDelay longest a sample waits for others to join its batch
 * @param queueCapacity samples that may wait per model before requests are refused
 * @param workers inference threads per model
 * @param timeout deadline of one scoring request
 * @param exactReasons which decisions get exact TreeSHAP reasons; the others get the path
 *     attribution, which sums to the same total at a hundredth of the cost
 */
@ConfigurationProperties("stratum.finance.scoring")
public record ScoringSettings(
    @DefaultValue("finance-risk") String modelName,
    @Nullable Path modelDirectory,
    @DefaultValue("512") int maxBatchSize,
    @DefaultValue("1ms") Duration maxDelay,
    @DefaultValue("32768") int queueCapacity,
    @DefaultValue("1") int workers,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("ALERTS") ExactReasons exactReasons) {

  /** Which decisions get exact TreeSHAP reasons. */
  public enum ExactReasons {
    /** REVIEW and DECLINE decisions: what analysts and customers see. */
    ALERTS,
    /** Every decision (about 200 us each with the committed model). */
    ALL
  }
}

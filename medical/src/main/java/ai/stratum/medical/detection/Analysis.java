package ai.stratum.medical.detection;

import ai.stratum.core.tenancy.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The nodule analysis of one series: findings when it was analysed, otherwise the reason it was not
 * (never invented findings). Published in-process when an analysis completes, and read back by
 * {@link Analyses}.
 *
 * @param reason why the series was not analysed; null when it was
 * @param stageSeconds wall time per stage (load, detect, ...), in order
 */
public record Analysis(
    TenantId tenant,
    String studyInstanceUid,
    String seriesInstanceUid,
    boolean analysed,
    @Nullable String reason,
    @Nullable Double lungVolumeMl,
    List<Finding> findings,
    Map<String, Double> stageSeconds,
    Instant analysedAt) {

  public Analysis {
    findings = List.copyOf(findings);
    stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
  }
}

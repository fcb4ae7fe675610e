package ai.stratum.medical.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stratum.medical.reports}: making reports that an analysis still waits for.
 *
 * @param sweepInterval how often pending reports are looked for (and once at start)
 * @param pendingGrace a report pending for less than this is left to the worker that is making it
 *     now; older ones were lost to a crash or a failure and are made by the sweep
 */
@ConfigurationProperties("stratum.medical.reports")
public record ReportProperties(
    @DefaultValue("1m") Duration sweepInterval, @DefaultValue("2m") Duration pendingGrace) {}

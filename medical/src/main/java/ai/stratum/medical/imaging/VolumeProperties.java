package ai.stratum.medical.imaging;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param quietPeriod a series is complete once no instance arrived for this long
 * @param pollInterval how often complete series are looked for
 * @param isotropicSpacingMm voxel size of assembled volumes (0 keeps the native grid)
 * @param modalities series of these modalities become volumes; others are left alone
 * @param claimLease a claimed series whose volume is not saved within this long is claimed again
 *     (its claimant is taken to have died); longer than the slowest assembly
 */
@ConfigurationProperties("stratum.medical.volumes")
public record VolumeProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration quietPeriod,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("1.0") double isotropicSpacingMm,
    @DefaultValue({"CT", "MR", "PT"}) Set<String> modalities,
    @DefaultValue("10m") Duration claimLease) {}

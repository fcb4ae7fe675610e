package ai.stratum.medical.dimse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether to listen at all
 * @param aeTitle our AE title; associations called for another title are rejected
 * @param port TCP port (0 picks a free one)
 * @param tenants for each tenant, the calling AE titles allowed to store into it; any other calling
 *     AE title is rejected at association time
 * @param maxObjectBytes larger data sets are refused with status A700
 * @param idleTimeout associations silent for this long are dropped
 */
@ConfigurationProperties("stratum.medical.dimse")
public record DimseProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("STRATUM") String aeTitle,
    @DefaultValue("11112") int port,
    @DefaultValue Map<String, List<String>> tenants,
    @DefaultValue("1073741824") long maxObjectBytes,
    @DefaultValue("60s") Duration idleTimeout) {}

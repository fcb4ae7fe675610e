package ai.stratum.medical.phantom;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param studies phantom studies to load at start when the store is empty (0: none)
 * @param tenant the tenant they are stored for
 * @param slices slices per series (512 x 512, 1.25 mm)
 */
@ConfigurationProperties("stratum.medical.demo")
public record PhantomDemoProperties(
    @DefaultValue("0") int studies,
    @DefaultValue("demo-hospital") String tenant,
    @DefaultValue("120") int slices) {}

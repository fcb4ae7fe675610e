package ai.stratum.gateway.demo;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param credentialsFile where the demo credentials go, e.g. {@code
 *     <data-dir>/demo-credentials.json}; the demo bootstrap runs only when this is set
 */
@ConfigurationProperties("stratum.gateway.demo")
record DemoProperties(@Nullable Path credentialsFile) {}

package ai.stratum.core.migration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param schema the schema for platform-core's tables, created if missing; when unset, {@code
 *     spring.flyway.default-schema}, and when that is unset too, the connection's current schema
 */
@ConfigurationProperties("stratum.core.database")
public record DatabaseProperties(@Nullable String schema) {}

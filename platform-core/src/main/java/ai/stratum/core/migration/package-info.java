/**
 * platform-core's own tables, migrated by a Flyway of its own ({@code classpath:db/stratum-core},
 * history table {@code stratum_core_schema_history}) into the service's schema, next to the
 * service's own Flyway history.
 */
@NullMarked
package ai.stratum.core.migration;

import org.jspecify.annotations.NullMarked;

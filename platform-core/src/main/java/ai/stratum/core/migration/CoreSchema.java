package ai.stratum.core.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Proof that platform-core's tables exist in the service's schema: obtaining one runs the core
 * migrations. Beans that use core tables take a {@code CoreSchema} so Spring migrates first.
 *
 * <p>The core migrations keep their own history table, so they never collide with a service's
 * {@code V1, V2, ...} in {@code flyway_schema_history}. Both migrators baseline a non-empty schema
 * at version 0 and then apply all their migrations, so they can run in either order on the same
 * schema (services set {@code spring.flyway.baseline-on-migrate=true} and {@code
 * spring.flyway.baseline-version=0} for the same reason). No {@code Flyway} bean is exposed: one
 * would make Boot's own Flyway auto-configuration back off.
 *
 * <p>Core tables are used unqualified, so the schema must be the default schema of the DataSource's
 * connections (Stratum services set both to the service schema).
 */
public final class CoreSchema {

  public static final String LOCATION = "classpath:db/stratum-core";
  public static final String HISTORY_TABLE = "stratum_core_schema_history";

  private final String version;

  private CoreSchema(String version) {
    this.version = version;
  }

  /**
   * Applies pending core migrations; Flyway's lock makes concurrent instances take turns.
   *
   * @param schema the schema to migrate, created if missing; {@code null} for the connection's
   *     current schema, which must then exist
   */
  public static CoreSchema migrate(DataSource dataSource, @Nullable String schema) {
    FluentConfiguration configuration =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(LOCATION)
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .failOnMissingLocations(true);
    if (schema != null) {
      configuration.defaultSchema(schema).schemas(schema).createSchemas(true);
    }
    Flyway flyway = configuration.load();
    flyway.migrate();
    MigrationInfo current = flyway.info().current();
    return new CoreSchema(current == null ? "0" : current.getVersion().getVersion());
  }

  /** The core schema version now in place. */
  public String version() {
    return version;
  }
}

package ai.stratum.core.inference.registry;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Proof that the registry's tables exist: obtaining one migrates schema {@value #SCHEMA} with a
 * Flyway of its own (history table inside that schema), independent of the service's own
 * migrations. Every service that serves models runs it against the shared database; Flyway's lock
 * makes concurrent instances take turns.
 */
public final class ModelRegistrySchema {

  public static final String SCHEMA = "model_registry";
  public static final String LOCATION = "classpath:db/model-registry";
  public static final String HISTORY_TABLE = "model_registry_schema_history";

  private ModelRegistrySchema() {}

  public static ModelRegistrySchema migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .createSchemas(true)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .failOnMissingLocations(true)
        .load()
        .migrate();
    return new ModelRegistrySchema();
  }
}

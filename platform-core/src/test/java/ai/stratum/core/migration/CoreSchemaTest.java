package ai.stratum.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.TestSchemas;
import ai.stratum.test.RealInfrastructure;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@RealInfrastructure
class CoreSchemaTest {

  private String schema;
  private HikariDataSource dataSource;
  private JdbcTemplate jdbc;

  @BeforeEach
  void newSchema() {
    schema = TestSchemas.uniqueName("core_schema");
    dataSource = TestSchemas.pool(schema, 2);
    jdbc = new JdbcTemplate(dataSource);
  }

  @AfterEach
  void closePool() {
    dataSource.close();
  }

  @Test
  void migratesIntoAMissingSchemaWithItsOwnHistoryTable() {
    CoreSchema migrated = CoreSchema.migrate(dataSource, schema);

    assertThat(migrated.version()).isEqualTo("1");
    assertThat(tables()).contains("stratum_audit_log", "stratum_core_schema_history");
    assertThat(tables()).doesNotContain("flyway_schema_history");
  }

  @Test
  void coexistsWithServiceMigrationsThatRanFirst() {
    serviceFlyway().migrate();

    CoreSchema.migrate(dataSource, schema);

    assertBothMigrationSetsApplied();
  }

  @Test
  void coexistsWithServiceMigrationsThatRunAfterwards() {
    CoreSchema.migrate(dataSource, schema);

    serviceFlyway().migrate();

    assertBothMigrationSetsApplied();
  }

  @Test
  void migratingAgainChangesNothing() {
    CoreSchema.migrate(dataSource, schema);

    CoreSchema again = CoreSchema.migrate(dataSource, schema);

    assertThat(again.version()).isEqualTo("1");
    assertThat(appliedScripts("stratum_core_schema_history")).containsExactly("1");
  }

  private Flyway serviceFlyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .locations("classpath:db/test-service")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  private void assertBothMigrationSetsApplied() {
    assertThat(tables())
        .contains(
            "service_cases",
            "flyway_schema_history",
            "stratum_audit_log",
            "stratum_core_schema_history");
    assertThat(appliedScripts("flyway_schema_history")).containsExactly("1");
    assertThat(appliedScripts("stratum_core_schema_history")).containsExactly("1");
  }

  private List<String> tables() {
    return jdbc.queryForList(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
        String.class,
        schema);
  }

  /** Versions applied by running their SQL (a baseline marker would mean a skipped script). */
  private List<String> appliedScripts(String historyTable) {
    return jdbc.queryForList(
        "SELECT version FROM "
            + schema
            + "."
            + historyTable
            + " WHERE success AND type = 'SQL' ORDER BY installed_rank",
        String.class);
  }
}

package ai.stratum.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.TestSchemas;
import ai.stratum.core.audit.AuditAutoConfiguration;
import ai.stratum.core.audit.AuditEvent;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.events.EventsAutoConfiguration;
import ai.stratum.core.json.JsonAutoConfiguration;
import ai.stratum.core.storage.ContentStore;
import ai.stratum.core.storage.FileSystemContentStore;
import ai.stratum.core.storage.StorageAutoConfiguration;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.test.RealInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service-shaped context: Boot's DataSource, Flyway (with the service's own migrations) and
 * Kafka, plus platform-core's auto-configurations, on a schema that does not exist yet.
 */
@RealInfrastructure
@SpringBootTest(classes = CoreAutoConfigurationTest.ServiceLikeApplication.class)
class CoreAutoConfigurationTest {

  private static final String SCHEMA = TestSchemas.uniqueName("service_like");

  @SpringBootConfiguration
  @ImportAutoConfiguration({
    DataSourceAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    FlywayAutoConfiguration.class,
    KafkaAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    JsonAutoConfiguration.class,
    StorageAutoConfiguration.class,
    CoreSchemaAutoConfiguration.class,
    AuditAutoConfiguration.class,
    EventsAutoConfiguration.class
  })
  static class ServiceLikeApplication {}

  @DynamicPropertySource
  static void serviceSettings(DynamicPropertyRegistry registry) throws IOException {
    Path storage = Files.createTempDirectory("core-auto-configuration");
    registry.add("spring.datasource.hikari.schema", () -> SCHEMA);
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.default-schema", () -> SCHEMA);
    registry.add("spring.flyway.locations", () -> "classpath:db/test-service");
    registry.add("spring.flyway.baseline-on-migrate", () -> "true");
    registry.add("spring.flyway.baseline-version", () -> "0");
    registry.add("stratum.core.storage.root", storage::toString);
  }

  @Autowired AuditLog auditLog;
  @Autowired ContentStore contentStore;
  @Autowired EventPublisher eventPublisher;
  @Autowired CoreSchema coreSchema;
  @Autowired JdbcTemplate jdbc;

  @Test
  void migratesServiceAndCoreTablesIntoTheServiceSchema() {
    assertThat(coreSchema.version()).isEqualTo("1");
    assertThat(
            jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                String.class,
                SCHEMA))
        .contains(
            "service_cases",
            "flyway_schema_history",
            "stratum_audit_log",
            "stratum_core_schema_history");
    assertThat(
            jdbc.queryForList(
                "SELECT version FROM " + SCHEMA + ".flyway_schema_history WHERE type = 'SQL'",
                String.class))
        .containsExactly("1");
  }

  @Test
  void wiresAnAuditLogOnTheServiceSchema() {
    auditLog.append(AuditEvent.of(TenantId.of("acme"), "svc:test", "wired", "context"));

    assertThat(auditLog.verify().isIntact()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM " + SCHEMA + ".stratum_audit_log", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void wiresAFileSystemContentStoreAtTheConfiguredRoot() throws IOException {
    assertThat(contentStore).isInstanceOf(FileSystemContentStore.class);
    var address = contentStore.put(new byte[] {1, 2, 3});

    assertThat(((FileSystemContentStore) contentStore).pathOf(address)).exists();
    assertThat(((FileSystemContentStore) contentStore).root().getFileName().toString())
        .startsWith("core-auto-configuration");
  }

  @Test
  void wiresAnEventPublisher() {
    assertThat(eventPublisher).isNotNull();
  }
}

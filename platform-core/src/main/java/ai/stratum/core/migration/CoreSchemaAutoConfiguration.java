package ai.stratum.core.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Migrates platform-core's tables in every service that has a DataSource. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public final class CoreSchemaAutoConfiguration {

  @Bean
  CoreSchema stratumCoreSchema(
      DataSource dataSource, DatabaseProperties properties, Environment environment) {
    String schema =
        properties.schema() != null
            ? properties.schema()
            : environment.getProperty("spring.flyway.default-schema");
    return CoreSchema.migrate(dataSource, schema);
  }
}

package ai.stratum.core.audit;

import ai.stratum.core.audit.internal.JdbcAuditLog;
import ai.stratum.core.migration.CoreSchema;
import ai.stratum.core.migration.CoreSchemaAutoConfiguration;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link AuditLog} of a service with a DataSource, on the tables the core migrations create.
 */
@AutoConfiguration(after = CoreSchemaAutoConfiguration.class)
@ConditionalOnBean(CoreSchema.class)
public final class AuditAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(AuditLog.class)
  AuditLog stratumAuditLog(DataSource dataSource, CoreSchema migrated) {
    // taking the CoreSchema makes Spring migrate before the log can be used
    return new JdbcAuditLog(dataSource, Clock.systemUTC());
  }
}

package ai.stratum.core.inference.registry;

import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.events.EventsAutoConfiguration;
import ai.stratum.core.storage.ContentStore;
import ai.stratum.core.storage.StorageAutoConfiguration;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The {@link ModelRegistry} of a service with a DataSource, a content store and an event publisher;
 * its REST API under {@code /api/models} when {@code
 * stratum.core.inference.registry-api.enabled=true}.
 */
@AutoConfiguration(
    after = {
      DataSourceAutoConfiguration.class,
      StorageAutoConfiguration.class,
      EventsAutoConfiguration.class
    })
@ConditionalOnClass(Flyway.class)
@ConditionalOnBooleanProperty(name = "stratum.core.inference.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBean({ContentStore.class, EventPublisher.class})
public final class ModelRegistryAutoConfiguration {

  @Bean
  ModelRegistrySchema stratumModelRegistrySchema(DataSource dataSource) {
    return ModelRegistrySchema.migrate(dataSource);
  }

  @Bean
  @ConditionalOnMissingBean(ModelRegistry.class)
  ModelRegistry stratumModelRegistry(
      DataSource dataSource,
      ModelRegistrySchema migrated,
      ContentStore artifacts,
      EventPublisher events) {
    return new ModelRegistry(dataSource, migrated, artifacts, events, Clock.systemUTC());
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnBooleanProperty(name = "stratum.core.inference.registry-api.enabled")
  ModelRegistryController stratumModelRegistryController(ModelRegistry registry) {
    return new ModelRegistryController(registry);
  }
}

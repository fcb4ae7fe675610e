package ai.stratum.core.storage;

import java.io.IOException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link FileSystemContentStore} at {@code stratum.core.storage.root}, unless the service defines
 * its own store.
 */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public final class StorageAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(ContentStore.class)
  FileSystemContentStore stratumContentStore(StorageProperties properties) throws IOException {
    return new FileSystemContentStore(properties.root());
  }
}

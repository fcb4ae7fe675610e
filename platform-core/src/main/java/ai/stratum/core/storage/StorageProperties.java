package ai.stratum.core.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param root the directory of the content store; created if missing
 */
@ConfigurationProperties("stratum.core.storage")
public record StorageProperties(@DefaultValue("./var/storage") Path root) {}

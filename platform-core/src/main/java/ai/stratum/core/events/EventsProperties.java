package ai.stratum.core.events;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topics the catalogue topics this service uses, by Kafka name (e.g. {@code
 *     finance.transactions}); each is created at startup with the catalogue's partition count if it
 *     does not exist yet
 * @param replicationFactor replicas per created topic: 1 for a single broker, 3 for a production
 *     cluster
 */
@ConfigurationProperties("stratum.core.events")
public record EventsProperties(
    @DefaultValue List<String> topics, @DefaultValue("1") short replicationFactor) {}

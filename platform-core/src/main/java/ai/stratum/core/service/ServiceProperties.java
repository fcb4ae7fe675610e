package ai.stratum.core.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Start-up behaviour shared by every service.
 *
 * @param kafkaCheckTimeout how long a service waits for Kafka at start-up before refusing to start
 */
@ConfigurationProperties("stratum.core.service")
record ServiceProperties(@DefaultValue("20s") Duration kafkaCheckTimeout) {}

package ai.stratum.medical.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How queued outbox events are relayed to Kafka.
 *
 * @param pollInterval how often the relay looks for events to send
 * @param sendTimeout how long one send may wait for the broker's acknowledgement
 * @param initialBackoff wait before the first retry of a failed send; doubled per failure
 * @param maxBackoff the longest wait between retries
 * @param keepSent how long sent events stay in the table (for inspection) before they are deleted
 */
@ConfigurationProperties("stratum.medical.outbox")
public record OutboxProperties(
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("30s") Duration sendTimeout,
    @DefaultValue("1s") Duration initialBackoff,
    @DefaultValue("5m") Duration maxBackoff,
    @DefaultValue("7d") Duration keepSent) {}

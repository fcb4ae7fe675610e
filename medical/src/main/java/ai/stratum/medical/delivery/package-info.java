/**
 * Reliable delivery shared by the features: the transactional outbox whose relay publishes events
 * to Kafka with retries, periodic background tasks, and the back-off of retried deliveries.
 */
@NullMarked
package ai.stratum.medical.delivery;

import org.jspecify.annotations.NullMarked;

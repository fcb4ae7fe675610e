package ai.stratum.core.events;

import ai.stratum.core.tenancy.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every Stratum event that leaves a process looks like on Kafka: who it belongs to, what it
 * is, a unique id for de-duplication, when it happened, and the payload.
 */
public record EventEnvelope<T>(UUID id, TenantId tenant, String type, Instant time, T payload) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(payload, "payload");
  }

  public static <T> EventEnvelope<T> of(TenantId tenant, String type, T payload) {
    return new EventEnvelope<>(UUID.randomUUID(), tenant, type, Instant.now(), payload);
  }
}

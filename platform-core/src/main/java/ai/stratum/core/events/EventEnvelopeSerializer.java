package ai.stratum.core.events;

import ai.stratum.core.json.StratumJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Writes an {@link EventEnvelope} as JSON with the Stratum settings and adds the {@link
 * EventHeaders}. Usable as {@code value.serializer} by class name.
 */
public final class EventEnvelopeSerializer implements Serializer<EventEnvelope<?>> {

  @Override
  public byte @Nullable [] serialize(String topic, @Nullable EventEnvelope<?> envelope) {
    if (envelope == null) {
      return null;
    }
    try {
      return StratumJson.mapper().writeValueAsBytes(envelope);
    } catch (JacksonException e) {
      throw new SerializationException(
          "cannot write event " + envelope.id() + " of type " + envelope.type(), e);
    }
  }

  @Override
  public byte @Nullable [] serialize(
      String topic, Headers headers, @Nullable EventEnvelope<?> envelope) {
    if (envelope != null) {
      replace(headers, EventHeaders.ID, envelope.id().toString());
      replace(headers, EventHeaders.TENANT, envelope.tenant().value());
      replace(headers, EventHeaders.TYPE, envelope.type());
      replace(headers, EventHeaders.TIME, envelope.time().toString());
    }
    return serialize(topic, envelope);
  }

  private static void replace(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

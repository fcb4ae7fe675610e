package ai.stratum.core.events;

import ai.stratum.core.json.StratumJson;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

/**
 * Reads the JSON written by {@link EventEnvelopeSerializer} back into an envelope with a payload of
 * the given type. Unknown JSON properties are ignored, so producers can add fields without breaking
 * consumers. A record that is not a valid envelope fails with Kafka's {@link
 * SerializationException} (wrap in spring-kafka's {@code ErrorHandlingDeserializer} to route it to
 * a dead-letter topic).
 *
 * <pre>{@code
 * new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
 *     new EventEnvelopeDeserializer<>(Transaction.class));
 * }</pre>
 */
public final class EventEnvelopeDeserializer<T> implements Deserializer<EventEnvelope<T>> {

  private final JavaType envelopeType;

  public EventEnvelopeDeserializer(Class<T> payloadType) {
    Objects.requireNonNull(payloadType, "payloadType");
    this.envelopeType =
        StratumJson.mapper()
            .getTypeFactory()
            .constructParametricType(EventEnvelope.class, payloadType);
  }

  @Override
  public @Nullable EventEnvelope<T> deserialize(String topic, byte @Nullable [] data) {
    if (data == null) {
      return null;
    }
    try {
      return StratumJson.mapper().readValue(data, envelopeType);
    } catch (JacksonException e) {
      throw new SerializationException("not a valid event envelope on topic " + topic, e);
    }
  }
}

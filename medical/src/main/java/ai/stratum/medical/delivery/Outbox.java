package ai.stratum.medical.delivery;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The transactional outbox: events stored with the state they announce, until the relay has them
 * acknowledged by Kafka.
 */
@Repository
public class Outbox {

  /** A queued event, its payload as the JSON it was stored as. */
  record Pending(Topic topic, String key, EventEnvelope<JsonNode> envelope, int attempts) {}

  private final JdbcClient jdbc;

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues an event; joins the caller's transaction, so it is sent only if that commits. */
  public void add(Topic topic, String key, EventEnvelope<?> envelope) {
    jdbc.sql(
            """
            insert into outbox (id, topic, message_key, tenant, type, event_time, payload)
            values (?, ?, ?, ?, ?, ?, ?::jsonb)\
            """)
        .params(
            envelope.id(),
            topic.topicName(),
            key,
            envelope.tenant().value(),
            envelope.type(),
            Timestamp.from(envelope.time()),
            StratumJson.mapper().writeValueAsString(envelope.payload()))
        .update();
  }

  /**
   * Takes up to {@code limit} events that are due, each the oldest unsent one of its key (so a
   * key's events leave in order), and hides them from other relays for {@code lease}: a relay that
   * dies mid-send leaves them to be sent again after it.
   */
  List<Pending> takeDue(int limit, Duration lease) {
    return jdbc.sql(
            """
            update outbox set next_attempt_at = now() + (:lease * interval '1 millisecond')
            where id in (
                select o.id from outbox o
                where o.sent_at is null and o.next_attempt_at <= now()
                  and not exists (select 1 from outbox e where e.topic = o.topic and e.message_key = o.message_key
                                  and e.sent_at is null and e.created_at < o.created_at)
                order by o.created_at limit :limit for update skip locked)
            returning id, topic, message_key, tenant, type, event_time, payload, attempts\
            """)
        .param("lease", lease.toMillis())
        .param("limit", limit)
        .query((rs, row) ->
            new Pending(
                Topic.byName(rs.getString("topic")),
                rs.getString("message_key"),
                new EventEnvelope<>(
                    rs.getObject("id", UUID.class),
                    TenantId.of(rs.getString("tenant")),
                    rs.getString("type"),
                    rs.getTimestamp("event_time").toInstant(),
                    StratumJson.mapper().readTree(rs.getString("payload"))),
                rs.getInt("attempts")))
        .list();
  }

  void markSent(UUID id) {
    jdbc.sql("update outbox set sent_at = now(), attempts = attempts + 1 where id = ?")
        .params(id)
        .update();
  }

  void markFailed(UUID id, String error, Instant retryAt) {
    jdbc.sql(
            """
            update outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?
            where id = ?\
            """)
        .params(error, Timestamp.from(retryAt), id)
        .update();
  }

  /** Deletes events sent before {@code before}; they were kept for inspection only. */
  int deleteSentBefore(Instant before) {
    return jdbc.sql("delete from outbox where sent_at < ?").params(Timestamp.from(before)).update();
  }
}

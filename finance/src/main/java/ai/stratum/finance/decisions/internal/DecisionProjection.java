package ai.stratum.finance.decisions.internal;

import ai.stratum.core.events.CommittedRecords;
import ai.stratum.core.events.Topic;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.Outcome;
import ai.stratum.finance.decisions.DecisionHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Copies committed decisions (read_committed) from {@code finance.decisions} into the {@code
 * decision} table in batches, each document compressed ({@link DocumentCompression}), and counts
 * the newly inserted ones into the live-statistics aggregates ({@code decision_activity}, {@code
 * decision_latency}) in the same statement. Offsets are committed after the statement and only rows
 * that were actually inserted are counted, so a redelivered batch changes nothing.
 */
public final class DecisionProjection {

  /** The live view reads at most an hour; aggregates older than this are deleted. */
  public static final Duration AGGREGATES_KEPT = Duration.ofHours(2);

  private static final Logger log = LoggerFactory.getLogger(DecisionProjection.class);
  private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);

  // one round trip per batch: insert what is new, then fold exactly those rows into the aggregates;
  // aggregate rows are upserted in key order so concurrent projections lock them in the same order.
  // The compressed documents travel as one bytea (binary, as the driver sends byte[]) cut by start
  // and length: as a bytea[] literal each would be hex text for the driver to write and array_in
  // to parse. The latency bin is float8 arithmetic (date_part): extract() returns numeric, whose ln
  // was a tenth of PostgreSQL's CPU for this statement.
  private static final String STORE =
      """
      with inserted as (
        insert into decision (transaction_id, tenant_id, score, outcome, threshold, model_version,
                              document_zstd, decided_at, produced_at)
        select row.transaction_id, row.tenant_id, row.score, row.outcome, row.threshold,
               row.model_version, substr(?::bytea, row.document_start, row.document_length),
               row.decided_at, row.produced_at
        from unnest(?::text[], ?::text[], ?::float8[], ?::text[], ?::float8[], ?::text[],
                    ?::int[], ?::int[], ?::timestamptz[], ?::timestamptz[])
          as row(transaction_id, tenant_id, score, outcome, threshold, model_version,
                 document_start, document_length, decided_at, produced_at)
        on conflict do nothing
        returning tenant_id, outcome,
          date_bin('5 seconds', decided_at, timestamptz '1970-01-01 00:00:00+00') as bucket_start,
          floor(ln(1 + greatest(0, date_part('epoch', decided_at - produced_at) * 1000))
                / ln(float8 '1.02'))::integer as bin
      ),
      activity as (
        insert into decision_activity (tenant_id, bucket_start, decisions, reviews, declines)
        select tenant_id, bucket_start, count(*),
               count(*) filter (where outcome = 'REVIEW'), count(*) filter (where outcome = 'DECLINE')
        from inserted group by tenant_id, bucket_start order by tenant_id, bucket_start
        on conflict (tenant_id, bucket_start) do update set
          decisions = decision_activity.decisions + excluded.decisions,
          reviews = decision_activity.reviews + excluded.reviews,
          declines = decision_activity.declines + excluded.declines
      )
      insert into decision_latency (tenant_id, bucket_start, bin, decisions)
      select tenant_id, bucket_start, bin, count(*) from inserted where bin is not null
      group by tenant_id, bucket_start, bin order by tenant_id, bucket_start, bin
      on conflict (tenant_id, bucket_start, bin) do update set
        decisions = decision_latency.decisions + excluded.decisions
      """;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final DocumentCompression compression = new DocumentCompression();
  private Instant lastPrune = Instant.MIN;

  private DecisionProjection(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public static KafkaMessageListenerContainer<String, byte[]> container(
      Map<String, Object> consumerProperties, String group, JdbcTemplate jdbc, Clock clock) {
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    // the store is for lookups and the live view, where a quarter of a second does not matter:
    // waking for every few committed decisions cost a statement and a poll each, CPU taken from
    // the scoring stream on the same cores
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
    DecisionProjection projection = new DecisionProjection(jdbc, clock);
    return CommittedRecords.projection(
        Topic.FINANCE_DECISIONS, group, config, "financeDecisionProjection", projection::store);
  }

  private void store(List<ConsumerRecord<String, byte[]>> records) {
    int size = records.size();
    String[] transactionIds = new String[size];
    String[] tenants = new String[size];
    Double[] scores = new Double[size];
    String[] outcomes = new String[size];
    Double[] thresholds = new Double[size];
    String[] modelVersions = new String[size];
    ByteArrayOutputStream documents = new ByteArrayOutputStream(size * 256);
    Integer[] documentStarts = new Integer[size];
    Integer[] documentLengths = new Integer[size];
    String[] decidedAt = new String[size];
    String[] producedAt = new String[size];
    int rows = 0;
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        Columns decision = Columns.of(record.value());
        byte[] document = compression.compress(record.value());
        transactionIds[rows] = decision.transactionId();
        tenants[rows] = decision.tenant();
        scores[rows] = decision.score();
        outcomes[rows] = decision.outcome().name();
        thresholds[rows] = decision.threshold();
        modelVersions[rows] = decision.modelVersion();
        documentStarts[rows] = documents.size() + 1;
        documentLengths[rows] = document.length;
        documents.writeBytes(document);
        decidedAt[rows] = decision.decidedAt().toString();
        producedAt[rows] = producedAt(record);
        rows++;
      } catch (RuntimeException e) {
        log.warn(
            "Skipping an unreadable decision at {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
      }
    }
    if (rows > 0) {
      int count = rows;
      jdbc.execute((Connection connection) -> {
        try (PreparedStatement statement = connection.prepareStatement(STORE)) {
          statement.setBytes(1, documents.toByteArray());
          statement.setArray(2, text(connection, transactionIds, count));
          statement.setArray(3, text(connection, tenants, count));
          statement.setArray(4, numbers(connection, scores, count));
          statement.setArray(5, text(connection, outcomes, count));
          statement.setArray(6, numbers(connection, thresholds, count));
          statement.setArray(7, text(connection, modelVersions, count));
          statement.setArray(8, integers(connection, documentStarts, count));
          statement.setArray(9, integers(connection, documentLengths, count));
          statement.setArray(10, text(connection, decidedAt, count));
          statement.setArray(11, text(connection, producedAt, count));
          return statement.executeUpdate();
        }
      });
    }
    pruneAggregates();
  }

  /**
   * The columns of a decision, read from its JSON without binding the whole document: the reasons
   * are skipped. Binding every decision into a {@link Decision} was most of this projection's CPU,
   * which at 8,000 decisions/s took a tenth of a core from the scoring stream on the same machine.
   */
  private record Columns(
      String transactionId,
      String tenant,
      double score,
      Outcome outcome,
      double threshold,
      String modelVersion,
      Instant decidedAt) {

    static Columns of(byte[] json) {
      String transactionId = null;
      String tenant = null;
      Double score = null;
      Outcome outcome = null;
      Double threshold = null;
      String modelVersion = null;
      Instant decidedAt = null;
      try (JsonParser parser = StratumJson.mapper().createParser(json)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException("a decision is a JSON object");
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          switch (name) {
            case "transactionId" -> transactionId = parser.getString();
            case "tenantId" -> tenant = parser.getString();
            case "score" -> score = parser.getDoubleValue();
            case "decision" -> outcome = Outcome.valueOf(parser.getString());
            case "threshold" -> threshold = parser.getDoubleValue();
            case "modelVersion" -> modelVersion = parser.getString();
            case "decidedAt" -> decidedAt = Instant.parse(parser.getString());
            default -> parser.skipChildren();
          }
        }
        if (parser.nextToken() != null) {
          throw new IllegalArgumentException("content after the decision object");
        }
      }
      if (transactionId == null
          || tenant == null
          || score == null
          || outcome == null
          || threshold == null
          || modelVersion == null
          || decidedAt == null) {
        throw new IllegalArgumentException("a decision field is missing");
      }
      return new Columns(transactionId, tenant, score, outcome, threshold, modelVersion, decidedAt);
    }
  }

  private void pruneAggregates() {
    Instant now = clock.instant();
    if (now.isBefore(lastPrune.plus(PRUNE_INTERVAL))) {
      return;
    }
    lastPrune = now;
    Timestamp before = Timestamp.from(now.minus(AGGREGATES_KEPT));
    jdbc.update("delete from decision_activity where bucket_start < ?", before);
    jdbc.update("delete from decision_latency where bucket_start < ?", before);
  }

  /** The transaction's record timestamp, which the scoring stream copies into a header. */
  private static @Nullable String producedAt(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(DecisionHeaders.PRODUCED_AT);
    if (header == null) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(
              Long.parseLong(new String(header.value(), StandardCharsets.UTF_8)))
          .toString();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Array text(Connection connection, String[] values, int count) throws SQLException {
    return connection.createArrayOf("text", Arrays.copyOf(values, count));
  }

  private static Array numbers(Connection connection, Double[] values, int count)
      throws SQLException {
    return connection.createArrayOf("float8", Arrays.copyOf(values, count));
  }

  private static Array integers(Connection connection, Integer[] values, int count)
      throws SQLException {
    return connection.createArrayOf("int4", Arrays.copyOf(values, count));
  }
}

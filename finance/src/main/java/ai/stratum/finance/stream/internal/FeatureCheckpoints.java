package ai.stratum.finance.stream.internal;

import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.features.FeatureEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Feature-state snapshots in PostgreSQL, each with the input offsets it reflects (the next offset
 * to read per partition). A snapshot taken inside a Kafka transaction that later aborted reflects
 * offsets beyond what was committed; {@link #latestUsable} skips such snapshots.
 */
public final class FeatureCheckpoints {

  private final JdbcTemplate jdbc;

  public FeatureCheckpoints(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A restorable snapshot. */
  public record Checkpoint(long id, Map<TopicPartition, Long> offsets, byte[] compressedState) {

    public InputStream state() {
      return new InflaterInputStream(
          new ByteArrayInputStream(compressedState), new java.util.zip.Inflater(), 1 << 16);
    }
  }

  /** Serialises and compresses the snapshot (on the calling thread) and stores it. */
  public void save(
      String group,
      Map<TopicPartition, Long> offsets,
      FeatureEngine.Snapshot snapshot,
      Instant at,
      int keep) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 20);
    long[] raw = {0};
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
      snapshot.writeTo(
          new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
              raw[0] += length;
              out.write(bytes, offset, length);
            }

            @Override
            public void write(int b) throws IOException {
              raw[0]++;
              out.write(b);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Long> json = new LinkedHashMap<>();
    offsets.forEach(
        (partition, offset) -> json.put(partition.topic() + ":" + partition.partition(), offset));
    jdbc.update(
        "insert into feature_checkpoint (consumer_group, offsets, state, state_bytes, taken_at)"
            + " values (?, ?::jsonb, ?, ?, ?)",
        group,
        StratumJson.mapper().writeValueAsString(json),
        compressed.toByteArray(),
        raw[0],
        Timestamp.from(at));
    jdbc.update(
        "delete from feature_checkpoint where consumer_group = ? and id not in"
            + " (select id from feature_checkpoint where consumer_group = ? order by id desc limit ?)",
        group,
        group,
        keep);
  }

  /**
   * The newest checkpoint whose offsets are all at or below the committed ones (so replay can only
   * add records), or empty.
   */
  public Optional<Checkpoint> latestUsable(String group, Map<TopicPartition, Long> committed) {
    List<Long> ids =
        jdbc.queryForList(
            "select id from feature_checkpoint where consumer_group = ? order by id desc",
            Long.class,
            group);
    for (long id : ids) {
      Map<TopicPartition, Long> offsets = offsets(id);
      boolean usable =
          offsets.entrySet().stream()
              .allMatch(e -> e.getValue() <= committed.getOrDefault(e.getKey(), 0L));
      if (usable) {
        byte[] state =
            jdbc.queryForObject(
                "select state from feature_checkpoint where id = ?", byte[].class, id);
        return Optional.of(new Checkpoint(id, offsets, state));
      }
    }
    return Optional.empty();
  }

  private Map<TopicPartition, Long> offsets(long id) {
    String json =
        jdbc.queryForObject(
            "select offsets::text from feature_checkpoint where id = ?", String.class, id);
    Map<String, Long> raw =
        StratumJson.mapper().readValue(json, new TypeReference<Map<String, Long>>() {});
    Map<TopicPartition, Long> offsets = new HashMap<>();
    raw.forEach((key, offset) -> {
      int colon = key.lastIndexOf(':');
      offsets.put(
          new TopicPartition(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1))),
          offset);
    });
    return offsets;
  }
}

package ai.stratum.finance.stream.internal;

import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.features.FeatureEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Feature-state snapshots in PostgreSQL, each with the input offsets it reflects (the next offset
 * to read per partition). A snapshot taken inside a Kafka transaction that later aborted reflects
 * offsets beyond what was committed; {@link #latestUsable} skips such snapshots.
 */
public final class FeatureCheckpoints {

  private static final Logger log = LoggerFactory.getLogger(FeatureCheckpoints.class);

  private static final int LZ4_MAGIC = 0x184D2204;

  private final JdbcTemplate jdbc;

  public FeatureCheckpoints(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A restorable snapshot. */
  public record Checkpoint(long id, Map<TopicPartition, Long> offsets, byte[] compressedState) {

    /**
     * The serialised state. Checkpoints are LZ4 frames; those written before (zlib) are still read,
     * so an upgraded instance restores from its predecessor's checkpoint.
     */
    public InputStream state() throws IOException {
      InputStream stored = new ByteArrayInputStream(compressedState);
      if (isLz4Frame(compressedState)) {
        return new LZ4FrameInputStream(stored);
      }
      return new InflaterInputStream(stored, new java.util.zip.Inflater(), 1 << 16);
    }

    private static boolean isLz4Frame(byte[] bytes) {
      return bytes.length >= 4
          && ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == LZ4_MAGIC;
    }
  }

  /**
   * Serialises and compresses the snapshot (on the calling thread, paced: see {@link
   * PacedOutputStream}) and stores it. LZ4 rather than zlib: a 118 MB state took zlib's fastest
   * level about 1.7 s of CPU, which on two cores held up the scoring thread and the broker (a 240
   * ms latency stall at 8,000 transactions/s every checkpoint); LZ4 takes a fraction of that.
   */
  public void save(
      String group,
      Map<TopicPartition, Long> offsets,
      FeatureEngine.Snapshot snapshot,
      Instant at,
      int keep) {
    long started = System.nanoTime();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 20);
    PacedOutputStream paced;
    try (LZ4FrameOutputStream out =
        new LZ4FrameOutputStream(compressed, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB)) {
      paced = new PacedOutputStream(out);
      snapshot.writeTo(paced);
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
        paced.written(),
        Timestamp.from(at));
    jdbc.update(
        "delete from feature_checkpoint where consumer_group = ? and id not in"
            + " (select id from feature_checkpoint where consumer_group = ? order by id desc limit ?)",
        group,
        group,
        keep);
    log.info(
        "Feature checkpoint written: {} MB of state, {} MB compressed, in {} ms",
        paced.written() >> 20,
        compressed.size() >> 20,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Serialising and compressing a checkpoint (over 100 MB once a minute) in one go would take a
   * whole core for a while, and on two cores shared with the broker and PostgreSQL the scoring
   * thread then waits for CPU: transactions decided meanwhile were late. So after each slice the
   * writer pauses as long as the slice took, which holds it to half a core; a checkpoint takes
   * twice as long, which nothing waits for.
   */
  private static final class PacedOutputStream extends FilterOutputStream {

    private static final int SLICE = 256 * 1024;

    private long written;

    PacedOutputStream(OutputStream out) {
      super(out);
    }

    long written() {
      return written;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      for (int done = 0; done < length; ) {
        int n = Math.min(SLICE, length - done);
        long sliceStarted = System.nanoTime();
        out.write(bytes, offset + done, n);
        written += n;
        done += n;
        LockSupport.parkNanos(System.nanoTime() - sliceStarted);
      }
    }

    @Override
    public void write(int b) throws IOException {
      written++;
      out.write(b);
    }
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

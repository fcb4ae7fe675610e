package ai.stratum.finance.stream.internal;

import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.features.FeatureEngine;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import tools.jackson.core.type.TypeReference;

/**
 * Feature-state snapshots in PostgreSQL, each with the input offsets it reflects (the next offset
 * to read per partition). A snapshot taken inside a Kafka transaction that later aborted reflects
 * offsets beyond what was committed; {@link #latestUsable} skips such snapshots.
 */
public final class FeatureCheckpoints {

  private static final Logger log = LoggerFactory.getLogger(FeatureCheckpoints.class);

  private static final int ZSTD_MAGIC = 0xFD2FB528;
  private static final int LZ4_MAGIC = 0x184D2204;
  private static final int ZSTD_LEVEL = 1;
  private static final int PART_BYTES = 1 << 20;
  // checkpoints written in parts are complete once their part count is set; earlier ones kept
  // their whole state in one column
  private static final String COMPLETE = "(parts is not null or state is not null)";

  private final JdbcTemplate jdbc;
  private final int partBytes;

  public FeatureCheckpoints(JdbcTemplate jdbc) {
    this(jdbc, PART_BYTES);
  }

  FeatureCheckpoints(JdbcTemplate jdbc, int partBytes) {
    this.jdbc = jdbc;
    this.partBytes = partBytes;
  }

  /** A restorable snapshot. */
  public record Checkpoint(long id, Map<TopicPartition, Long> offsets, byte[] compressedState) {

    /**
     * The serialised state. Checkpoints are zstd frames; those written by earlier versions (LZ4
     * frames, zlib before them) are still read, so an upgraded instance restores from its
     * predecessor's checkpoint.
     */
    public InputStream state() throws IOException {
      InputStream stored = new ByteArrayInputStream(compressedState);
      int magic =
          compressedState.length < 4
              ? 0
              : ByteBuffer.wrap(compressedState, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      return switch (magic) {
        case ZSTD_MAGIC -> new ZstdInputStream(stored);
        case LZ4_MAGIC -> new LZ4FrameInputStream(stored);
        default -> new InflaterInputStream(stored, new java.util.zip.Inflater(), 1 << 16);
      };
    }
  }

  /**
   * Serialises and compresses the snapshot (on the calling thread, paced: see {@link
   * PacedOutputStream}) and stores it in parts of at most 1 MB, each committed as it fills, then
   * marks it complete and deletes all but the newest {@code keep} complete ones (and any left
   * incomplete by a crash). zstd's fastest positive level, in native code: zlib's fastest level
   * took about 1.7 s of CPU for a 118 MB state, which on two cores held up the scoring thread and
   * the broker (a 240 ms latency stall at 8,000 transactions/s every checkpoint). lz4-java took a
   * fraction of that but ran as Java bytecode (in a Spring Boot jar it does not load its native
   * code), so a service's first checkpoint ran it interpreted and had the JIT compile it, on the
   * cores the stream needs; zstd also leaves a fifth fewer bytes to write.
   */
  public void save(
      String group,
      Map<TopicPartition, Long> offsets,
      FeatureEngine.Snapshot snapshot,
      Instant at,
      int keep) {
    long started = System.nanoTime();
    Map<String, Long> json = new LinkedHashMap<>();
    offsets.forEach(
        (partition, offset) -> json.put(partition.topic() + ":" + partition.partition(), offset));
    long id =
        jdbc.queryForObject(
            "insert into feature_checkpoint (consumer_group, offsets, state_bytes, taken_at)"
                + " values (?, ?::jsonb, 0, ?) returning id",
            Long.class,
            group,
            StratumJson.mapper().writeValueAsString(json),
            Timestamp.from(at));
    StoredParts parts = new StoredParts(id);
    PacedOutputStream paced;
    try (ZstdOutputStream out = new ZstdOutputStream(parts, ZSTD_LEVEL)) {
      // a damaged checkpoint is then refused at restore instead of restoring wrong state
      out.setChecksum(true);
      paced = new PacedOutputStream(out);
      snapshot.writeTo(paced);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jdbc.update(
        "update feature_checkpoint set parts = ?, state_bytes = ? where id = ?",
        parts.count,
        paced.written(),
        id);
    jdbc.update(
        "delete from feature_checkpoint where consumer_group = ? and id not in"
            + " (select id from feature_checkpoint where consumer_group = ? and "
            + COMPLETE
            + " order by id desc limit ?)",
        group,
        group,
        keep);
    log.info(
        "Feature checkpoint written: {} MB of state, {} MB compressed in {} parts, in {} ms",
        paced.written() >> 20,
        parts.bytes >> 20,
        parts.count,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Collects the compressed state and inserts each full part in its own transaction. */
  private final class StoredParts extends OutputStream {

    private final long checkpointId;
    private final byte[] part = new byte[partBytes];
    private int filled;
    private int count;
    private long bytes;

    StoredParts(long checkpointId) {
      this.checkpointId = checkpointId;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      for (int done = 0; done < length; ) {
        int n = Math.min(partBytes - filled, length - done);
        System.arraycopy(source, offset + done, part, filled, n);
        filled += n;
        done += n;
        if (filled == partBytes) {
          store();
        }
      }
    }

    @Override
    public void close() {
      if (filled > 0) {
        store();
      }
    }

    /**
     * Commits the part without waiting for its WAL to reach the disk: PostgreSQL's WAL writer
     * flushes it shortly after, and the synchronous commit that marks the checkpoint complete
     * flushes the WAL up to there, parts included. A crash before that leaves the checkpoint
     * incomplete, which recovery never uses. Waiting for each 1 MB part had PostgreSQL fsync once
     * per part, about 25 times in a second, on the disk the broker's logs share.
     */
    private void store() {
      // set_config(..., true) is SET LOCAL: it holds for this statement's own transaction, commit
      // included
      jdbc.update(
          "insert into feature_checkpoint_part (checkpoint_id, part, bytes) select ?, ?, ?"
              + " from (select set_config('synchronous_commit', 'off', true)) as setting",
          checkpointId,
          count,
          Arrays.copyOf(part, filled));
      count++;
      bytes += filled;
      filled = 0;
    }
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
            "select id from feature_checkpoint where consumer_group = ? and "
                + COMPLETE
                + " order by id desc",
            Long.class,
            group);
    for (long id : ids) {
      Map<TopicPartition, Long> offsets = offsets(id);
      boolean usable =
          offsets.entrySet().stream()
              .allMatch(e -> e.getValue() <= committed.getOrDefault(e.getKey(), 0L));
      if (usable) {
        return Optional.of(new Checkpoint(id, offsets, state(id)));
      }
    }
    return Optional.empty();
  }

  private byte[] state(long id) {
    byte[] whole =
        jdbc.queryForObject("select state from feature_checkpoint where id = ?", byte[].class, id);
    if (whole != null) {
      return whole;
    }
    ByteArrayOutputStream parts = new ByteArrayOutputStream(1 << 20);
    jdbc.query(
        "select bytes from feature_checkpoint_part where checkpoint_id = ? order by part",
        (RowCallbackHandler) row -> parts.writeBytes(row.getBytes(1)),
        id);
    return parts.toByteArray();
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

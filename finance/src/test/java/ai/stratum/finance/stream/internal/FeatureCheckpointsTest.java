package ai.stratum.finance.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.FinanceServiceTest;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.features.FeatureEngines;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@FinanceServiceTest
class FeatureCheckpointsTest {

  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private static final TopicPartition PARTITION = new TopicPartition("finance.transactions", 0);

  @Autowired private JdbcTemplate jdbc;

  @Test
  void restoredCheckpointComputesTheSameFeaturesAsTheEngineItWasTakenFrom() throws IOException {
    String group = "checkpoint-" + UUID.randomUUID();
    TransactionSimulator simulator = simulator();
    FeatureEngine running = engineAfter(simulator, 3_000);
    FeatureCheckpoints checkpoints = new FeatureCheckpoints(jdbc);

    checkpoints.save(group, Map.of(PARTITION, 3_000L), running.copyState(), T0, 2);

    FeatureCheckpoints.Checkpoint stored =
        checkpoints.latestUsable(group, Map.of(PARTITION, 3_000L)).orElseThrow();
    assertThat(stored.offsets()).containsEntry(PARTITION, 3_000L);
    FeatureEngines.assertSameFeatures(running, restored(stored.state()), simulator, 300);
  }

  @Test
  void stateWrittenInManyPartsIsRestoredWholeAndOnlyCompleteCheckpointsAreKept()
      throws IOException {
    String group = "checkpoint-" + UUID.randomUUID();
    TransactionSimulator simulator = simulator();
    FeatureEngine running = engineAfter(simulator, 3_000);
    FeatureCheckpoints checkpoints = new FeatureCheckpoints(jdbc, 4096);
    // what a crash between two parts leaves behind: a checkpoint row without its part count
    long crashed =
        jdbc.queryForObject(
            "insert into feature_checkpoint (consumer_group, offsets, state_bytes, taken_at)"
                + " values (?, '{\"finance.transactions:0\": 2999}'::jsonb, 0, ?) returning id",
            Long.class,
            group,
            Timestamp.from(T0));
    jdbc.update(
        "insert into feature_checkpoint_part (checkpoint_id, part, bytes) values (?, 0, ?)",
        crashed,
        new byte[] {1, 2, 3});
    assertThat(checkpoints.latestUsable(group, Map.of(PARTITION, 3_000L))).isEmpty();

    checkpoints.save(group, Map.of(PARTITION, 3_000L), running.copyState(), T0, 2);

    Integer parts =
        jdbc.queryForObject(
            "select parts from feature_checkpoint where consumer_group = ? and parts is not null",
            Integer.class,
            group);
    assertThat(parts).isGreaterThan(3);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from feature_checkpoint_part where checkpoint_id = ?",
                Integer.class,
                crashed))
        .as("the incomplete checkpoint and its parts are deleted")
        .isZero();
    FeatureCheckpoints.Checkpoint stored =
        checkpoints.latestUsable(group, Map.of(PARTITION, 3_000L)).orElseThrow();
    FeatureEngines.assertSameFeatures(running, restored(stored.state()), simulator, 300);
  }

  /** How earlier versions compressed the state: LZ4 frames, and zlib before them. */
  enum EarlierFormat {
    LZ4 {
      @Override
      OutputStream compressing(OutputStream stored) throws IOException {
        return new LZ4FrameOutputStream(stored, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB);
      }
    },
    ZLIB {
      @Override
      OutputStream compressing(OutputStream stored) {
        return new DeflaterOutputStream(stored, new Deflater(Deflater.BEST_SPEED));
      }
    };

    abstract OutputStream compressing(OutputStream stored) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(EarlierFormat.class)
  void checkpointWrittenByAnEarlierVersionIsStillRestored(EarlierFormat format) throws IOException {
    String group = "checkpoint-" + UUID.randomUUID();
    TransactionSimulator simulator = simulator();
    FeatureEngine running = engineAfter(simulator, 2_000);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = format.compressing(compressed)) {
      running.snapshot(out);
    }
    jdbc.update(
        "insert into feature_checkpoint (consumer_group, offsets, state, state_bytes, taken_at)"
            + " values (?, ?::jsonb, ?, ?, ?)",
        group,
        "{\"finance.transactions:0\": 2000}",
        compressed.toByteArray(),
        0L,
        Timestamp.from(T0));

    FeatureCheckpoints.Checkpoint stored =
        new FeatureCheckpoints(jdbc).latestUsable(group, Map.of(PARTITION, 2_000L)).orElseThrow();
    FeatureEngines.assertSameFeatures(running, restored(stored.state()), simulator, 300);
  }

  @Test
  void damagedCheckpointIsRefusedRatherThanRestored() {
    String group = "checkpoint-" + UUID.randomUUID();
    FeatureEngine running = engineAfter(simulator(), 2_000);
    FeatureCheckpoints checkpoints = new FeatureCheckpoints(jdbc);
    checkpoints.save(group, Map.of(PARTITION, 2_000L), running.copyState(), T0, 2);
    damageFirstPart(jdbc, group);

    FeatureCheckpoints.Checkpoint stored =
        checkpoints.latestUsable(group, Map.of(PARTITION, 2_000L)).orElseThrow();
    assertThatThrownBy(() -> restored(stored.state())).isInstanceOf(IOException.class);
  }

  /** Flips one bit in the middle of the first stored part of the group's checkpoint. */
  static void damageFirstPart(JdbcTemplate jdbc, String group) {
    jdbc.update(
        "update feature_checkpoint_part set bytes = set_bit(bytes, 8 * (length(bytes) / 2), 1 -"
            + " get_bit(bytes, 8 * (length(bytes) / 2))) where checkpoint_id = (select id from"
            + " feature_checkpoint where consumer_group = ?) and part = 0",
        group);
  }

  private static TransactionSimulator simulator() {
    return new TransactionSimulator(
        new SimulatorSettings(11, List.of(TenantId.of("bank-a")), 300, 60, T0, 20, 5_000));
  }

  private static FeatureEngine engineAfter(TransactionSimulator simulator, int transactions) {
    FeatureEngine engine = FeatureEngines.small();
    for (int i = 0; i < transactions; i++) {
      engine.observe(simulator.next().transaction());
    }
    return engine;
  }

  private static FeatureEngine restored(InputStream state) throws IOException {
    FeatureEngine engine = FeatureEngines.small();
    try (state) {
      engine.restore(state);
    }
    return engine;
  }
}

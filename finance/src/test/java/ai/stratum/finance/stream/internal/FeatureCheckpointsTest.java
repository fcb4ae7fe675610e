package ai.stratum.finance.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.FinanceServiceTest;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.features.FeatureEngines;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
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

  @Test
  void checkpointWrittenByAnEarlierVersionWithZlibIsStillRestored() throws IOException {
    String group = "checkpoint-" + UUID.randomUUID();
    TransactionSimulator simulator = simulator();
    FeatureEngine running = engineAfter(simulator, 2_000);
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(zlib, new Deflater(Deflater.BEST_SPEED))) {
      running.snapshot(out);
    }
    jdbc.update(
        "insert into feature_checkpoint (consumer_group, offsets, state, state_bytes, taken_at)"
            + " values (?, ?::jsonb, ?, ?, ?)",
        group,
        "{\"finance.transactions:0\": 2000}",
        zlib.toByteArray(),
        0L,
        Timestamp.from(T0));

    FeatureCheckpoints.Checkpoint stored =
        new FeatureCheckpoints(jdbc).latestUsable(group, Map.of(PARTITION, 2_000L)).orElseThrow();
    FeatureEngines.assertSameFeatures(running, restored(stored.state()), simulator, 300);
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

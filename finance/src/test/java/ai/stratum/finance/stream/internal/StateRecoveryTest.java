package ai.stratum.finance.stream.internal;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.FinanceServiceTest;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.contract.TransactionReader;
import ai.stratum.finance.decisions.DecisionEngine;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.features.FeatureEngines;
import ai.stratum.finance.scoring.ProductionRiskModel;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import ai.stratum.finance.threshold.ThresholdPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

@FinanceServiceTest
class StateRecoveryTest {

  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private static final int RECORDS = 3_000;
  private static final int CHECKPOINTED = 2_000;

  @Autowired private JdbcTemplate jdbc;
  @Autowired private KafkaProperties kafka;
  @Autowired private ProductionRiskModel models;
  @Autowired private ThresholdPolicy thresholds;

  @Test
  void damagedCheckpointIsReplacedByAReplayFromTheStartNotFromItsOffsets() throws Exception {
    String group = "recovery-" + UUID.randomUUID();
    TopicPartition partition = new TopicPartition(group, 0);
    TransactionSimulator simulator =
        new TransactionSimulator(
            new SimulatorSettings(13, List.of(TenantId.of("bank-a")), 300, 60, T0, 20, 5_000));
    FeatureEngine uninterrupted = FeatureEngines.small();
    FeatureEngine atCheckpoint = FeatureEngines.small();
    try (Admin admin = Admin.create(kafka.buildAdminProperties());
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                kafka.buildProducerProperties(),
                new StringSerializer(),
                new ByteArraySerializer())) {
      admin.createTopics(List.of(new NewTopic(group, 1, (short) 1))).all().get();
      for (int i = 0; i < RECORDS; i++) {
        Transaction tx = simulator.next().transaction();
        producer.send(
            new ProducerRecord<>(group, tx.cardId(), StratumJson.mapper().writeValueAsBytes(tx)));
        uninterrupted.observe(tx);
        if (i < CHECKPOINTED) {
          atCheckpoint.observe(tx);
        }
      }
      producer.flush();
    }
    FeatureCheckpoints checkpoints = new FeatureCheckpoints(jdbc);
    checkpoints.save(
        group, Map.of(partition, (long) CHECKPOINTED), atCheckpoint.copyState(), T0, 2);
    FeatureCheckpointsTest.damageFirstPart(jdbc, group);

    FeatureEngine recovered = FeatureEngines.small();
    new StateRecovery(
            checkpoints,
            replayConsumers(),
            new TransactionReader(16_384),
            new DecisionEngine(recovered, models, thresholds, Clock.systemUTC(), false),
            group,
            1_000_000)
        .recover(Map.of(partition, (long) RECORDS));

    FeatureEngines.assertSameFeatures(uninterrupted, recovered, simulator, 300);
  }

  private DefaultKafkaConsumerFactory<String, byte[]> replayConsumers() {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new DefaultKafkaConsumerFactory<>(config);
  }
}

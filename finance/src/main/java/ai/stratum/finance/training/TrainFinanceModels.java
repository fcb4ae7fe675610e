package ai.stratum.finance.training;

import ai.djl.engine.Engine;
import ai.stratum.core.inference.runtime.DevicePreference;
import ai.stratum.core.inference.runtime.DeviceSelector;
import ai.stratum.core.inference.runtime.PyTorchRuntime;
import ai.stratum.core.inference.runtime.XGBoostRuntime;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.features.FeatureSettings;
import ai.stratum.finance.features.RiskTables;
import ai.stratum.finance.scoring.QualityMetrics;
import ai.stratum.finance.scoring.RiskModel;
import ai.stratum.finance.scoring.RiskModels;
import ai.stratum.finance.scoring.ScoringBundle;
import ai.stratum.finance.simulator.FraudPattern;
import ai.stratum.finance.simulator.SimulatedTransaction;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import ai.stratum.finance.training.internal.Dataset;
import ai.stratum.finance.training.internal.GbdtTrainer;
import ai.stratum.finance.training.internal.LogisticCalibrator;
import ai.stratum.finance.training.internal.MlpTrainer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ./stratum train finance [output-directory]}: simulates five labelled weeks (one to warm
 * the feature state up, two to train on, one to calibrate, one held out), trains XGBoost trees and
 * a DJL MLP, fits the calibrator, evaluates the held-out week through the inference core, and
 * writes the artifacts and {@value ScoringBundle#FILE} (metrics and provenance included) to the
 * output directory (default {@code models/finance}). Deterministic for a given seed.
 */
public final class TrainFinanceModels {

  static final long SEED = 20260105L;
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  static final Duration WEEK = Duration.ofDays(7);
  static final double TRAIN_LEGIT_SAMPLE = 0.2;
  static final double CALIBRATION_LEGIT_SAMPLE = 0.3;
  static final double ALERT_RATE = 0.005;

  private TrainFinanceModels() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "models/finance");
    Files.createDirectories(output);
    SimulatorSettings simulation = SimulatorSettings.standard(SEED, START);
    long trainEnd = START.plus(WEEK.multipliedBy(3)).toEpochMilli();
    long calibrationEnd = START.plus(WEEK.multipliedBy(4)).toEpochMilli();
    long testEnd = START.plus(WEEK.multipliedBy(5)).toEpochMilli();
    long warmupEnd = START.plus(WEEK).toEpochMilli();

    RiskTables riskTables = learnRiskTables(simulation, trainEnd);
    log(
        "risk tables: %d categories, %d countries",
        riskTables.merchantCategoryRisk().size(), riskTables.countryRisk().size());

    Dataset train = new Dataset();
    Dataset calibration = new Dataset();
    Dataset test = new Dataset();
    FeatureEngine features = new FeatureEngine(trainingCapacity(), riskTables);
    TransactionSimulator simulator = new TransactionSimulator(simulation);
    SplittableRandom sampler = new SplittableRandom(SEED + 1);
    float[] row = new float[FeatureEngine.SIZE];
    long events = 0;
    while (true) {
      SimulatedTransaction next = simulator.next();
      long time = next.transaction().timestamp().toEpochMilli();
      if (time >= testEnd) {
        break;
      }
      events++;
      features.computeAndObserve(next.transaction(), row, 0);
      String pattern = next.isFraud() ? next.fraud().name() : "";
      if (time < warmupEnd) {
        continue;
      }
      if (time < trainEnd) {
        if (next.isFraud() || sampler.nextDouble() < TRAIN_LEGIT_SAMPLE) {
          train.add(
              row, next.isFraud(), next.isFraud() ? 1 : (float) (1 / TRAIN_LEGIT_SAMPLE), pattern);
        }
      } else if (time < calibrationEnd) {
        if (next.isFraud() || sampler.nextDouble() < CALIBRATION_LEGIT_SAMPLE) {
          calibration.add(
              row,
              next.isFraud(),
              next.isFraud() ? 1 : (float) (1 / CALIBRATION_LEGIT_SAMPLE),
              pattern);
        }
      } else {
        test.add(row, next.isFraud(), 1, pattern);
      }
    }
    log(
        "simulated %d events: train %d rows (%d fraud), calibration %d (%d), test %d (%d)",
        events,
        train.rows(),
        train.frauds(),
        calibration.rows(),
        calibration.frauds(),
        test.rows(),
        test.frauds());

    byte[] gbdt = GbdtTrainer.train(train, SEED);
    log("trained XGBoost: %d rounds, depth %d", GbdtTrainer.ROUNDS, GbdtTrainer.MAX_DEPTH);
    float[][] standardisation = MlpTrainer.standardisation(train);
    Engine.getEngine("PyTorch").setRandomSeed((int) SEED);
    byte[] mlp = MlpTrainer.train(train, standardisation[0], standardisation[1], SEED);
    log("trained MLP %s, %d epochs", MlpTrainer.HIDDEN, MlpTrainer.EPOCHS);
    Files.write(output.resolve("finance-gbdt.json"), gbdt);
    Files.write(output.resolve("finance-mlp.zip"), mlp);

    ScoringBundle draft =
        bundle(
            sha256(gbdt),
            sha256(mlp),
            standardisation,
            new ScoringBundle.Calibration(1, 0, 0),
            riskTables,
            Map.of(),
            Map.of());
    Files.write(
        output.resolve(ScoringBundle.FILE),
        StratumJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(draft));

    BatchingSettings batching =
        new BatchingSettings(
            256, Duration.ofMillis(1), 65_536, 1, Duration.ofSeconds(60), Duration.ofSeconds(1));
    try (ModelServer server =
        new ModelServer(
            List.of(new PyTorchRuntime(1), new XGBoostRuntime(1)),
            DeviceSelector.detect().select(DevicePreference.CPU),
            new SimpleMeterRegistry(),
            Duration.ofSeconds(10))) {
      RiskModel served = RiskModels.deploy(server, output, batching, Duration.ofSeconds(60));
      double[] treeMargins = new double[calibration.rows()];
      double[] mlpLogits = new double[calibration.rows()];
      rawScores(served, calibration, treeMargins, mlpLogits);
      double[] beta =
          LogisticCalibrator.fit(
              treeMargins,
              mlpLogits,
              calibration.labels(),
              calibration.weights(),
              calibration.rows());
      ScoringBundle.Calibration calibrator =
          new ScoringBundle.Calibration(beta[0], beta[1], beta[2]);
      log(
          "calibration: p = sigmoid(%.4f * treeMargin + %.4f * mlpLogit + %.4f)",
          beta[0], beta[1], beta[2]);

      Map<String, Object> metrics = evaluate(served, test, calibrator);
      ScoringBundle bundle =
          bundle(
              sha256(gbdt),
              sha256(mlp),
              standardisation,
              calibrator,
              riskTables,
              metrics,
              provenance(events, train, calibration, test));
      Files.write(
          output.resolve(ScoringBundle.FILE),
          StratumJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle));
      log("wrote %s", output.toAbsolutePath());
    }
  }

  /** Scores in chunks that fit the model queues. */
  private static void rawScores(
      RiskModel served, Dataset rows, double[] treeMargins, double[] mlpLogits) {
    int chunk = 8192;
    float[] all = rows.featuresView();
    double[] trees = new double[chunk];
    double[] mlp = new double[chunk];
    for (int start = 0; start < rows.rows(); start += chunk) {
      int n = Math.min(chunk, rows.rows() - start);
      float[] part =
          java.util.Arrays.copyOfRange(
              all, start * FeatureEngine.SIZE, (start + n) * FeatureEngine.SIZE);
      served.rawScores(part, n, trees, mlp);
      System.arraycopy(trees, 0, treeMargins, start, n);
      System.arraycopy(mlp, 0, mlpLogits, start, n);
    }
  }

  /** Feature-state capacity for the standard simulation (20,000 cards, 2,000 merchants). */
  static FeatureSettings trainingCapacity() {
    return new FeatureSettings(32_768, 32_768, 4_096, 65_536);
  }

  private static Map<String, Object> evaluate(
      RiskModel served, Dataset test, ScoringBundle.Calibration calibrator) {
    double[] treeMargins = new double[test.rows()];
    double[] mlpLogits = new double[test.rows()];
    rawScores(served, test, treeMargins, mlpLogits);
    double[] ensemble = new double[test.rows()];
    double[] treesOnly = new double[test.rows()];
    double[] mlpOnly = new double[test.rows()];
    boolean[] fraud = new boolean[test.rows()];
    for (int i = 0; i < test.rows(); i++) {
      ensemble[i] = calibrator.probability(treeMargins[i], mlpLogits[i]);
      treesOnly[i] = treeMargins[i];
      mlpOnly[i] = mlpLogits[i];
      fraud[i] = test.fraud(i);
    }
    QualityMetrics combined = QualityMetrics.of(ensemble, fraud, test.rows(), ALERT_RATE);
    QualityMetrics trees = QualityMetrics.of(treesOnly, fraud, test.rows(), ALERT_RATE);
    QualityMetrics network = QualityMetrics.of(mlpOnly, fraud, test.rows(), ALERT_RATE);
    log("held-out week, ensemble: %s", combined);
    log("held-out week, trees:    %s", trees);
    log("held-out week, MLP:      %s", network);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("heldOutWeek", combined);
    metrics.put("heldOutWeekGbdtOnly", trees);
    metrics.put("heldOutWeekMlpOnly", network);
    metrics.put("recallByPatternAtAlertRate", recallByPattern(ensemble, test));
    metrics.put("meanPredictedVsObservedFraudRate", calibrationCheck(ensemble, fraud));
    return metrics;
  }

  private static Map<String, Double> recallByPattern(double[] scores, Dataset test) {
    double[] sorted = scores.clone();
    java.util.Arrays.sort(sorted);
    int alerts = (int) Math.max(1, Math.round(ALERT_RATE * scores.length));
    double threshold = sorted[sorted.length - alerts];
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (FraudPattern pattern : FraudPattern.values()) {
      counts.put(pattern.name(), new int[2]);
    }
    for (int i = 0; i < scores.length; i++) {
      if (test.fraud(i)) {
        int[] count = counts.get(test.pattern(i));
        count[0]++;
        if (scores[i] >= threshold) {
          count[1]++;
        }
      }
    }
    Map<String, Double> recall = new LinkedHashMap<>();
    counts.forEach(
        (pattern, count) -> recall.put(pattern, count[0] == 0 ? 0 : (double) count[1] / count[0]));
    log("recall by pattern at %.1f%% alerts: %s", ALERT_RATE * 100, recall);
    return recall;
  }

  private static double[] calibrationCheck(double[] scores, boolean[] fraud) {
    double predicted = 0;
    double observed = 0;
    for (int i = 0; i < scores.length; i++) {
      predicted += scores[i];
      observed += fraud[i] ? 1 : 0;
    }
    return new double[] {predicted / scores.length, observed / scores.length};
  }

  private static RiskTables learnRiskTables(SimulatorSettings simulation, long trainEnd) {
    Map<String, long[]> categories = new HashMap<>();
    Map<String, long[]> countries = new HashMap<>();
    TransactionSimulator simulator = new TransactionSimulator(simulation);
    long frauds = 0;
    long total = 0;
    while (true) {
      SimulatedTransaction next = simulator.next();
      if (next.transaction().timestamp().toEpochMilli() >= trainEnd) {
        break;
      }
      total++;
      frauds += next.isFraud() ? 1 : 0;
      count(categories, next.transaction().merchantCategoryCode(), next.isFraud());
      count(countries, next.transaction().merchantCountry(), next.isFraud());
    }
    double prior = (double) frauds / total;
    return new RiskTables(
        smooth(categories, prior), smooth(countries, prior), (float) logit(prior));
  }

  private static void count(Map<String, long[]> counts, String key, boolean fraud) {
    if (key != null) {
      long[] count = counts.computeIfAbsent(key, k -> new long[2]);
      count[0]++;
      count[1] += fraud ? 1 : 0;
    }
  }

  /** Log-odds of fraud with a beta prior worth 200 transactions at the overall rate. */
  private static Map<String, Float> smooth(Map<String, long[]> counts, double prior) {
    double strength = 200;
    Map<String, Float> risk = new java.util.TreeMap<>();
    counts.forEach((key, count) -> {
      double rate = (count[1] + prior * strength) / (count[0] + strength);
      risk.put(key, (float) logit(rate));
    });
    return risk;
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  private static ScoringBundle bundle(
      String gbdtSha,
      String mlpSha,
      float[][] standardisation,
      ScoringBundle.Calibration calibration,
      RiskTables riskTables,
      Map<String, Object> metrics,
      Map<String, Object> provenance) {
    return new ScoringBundle(
        "finance-risk-1 (finance-gbdt v1 + finance-mlp v1)",
        FeatureEngine.names(),
        new ScoringBundle.Artifact("finance-gbdt", 1, "finance-gbdt.json", gbdtSha),
        new ScoringBundle.Artifact("finance-mlp", 1, "finance-mlp.zip", mlpSha),
        MlpTrainer.HIDDEN,
        standardisation[0],
        standardisation[1],
        calibration,
        riskTables,
        metrics,
        provenance);
  }

  private static Map<String, Object> provenance(
      long events, Dataset train, Dataset calibration, Dataset test) {
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("command", "./stratum train finance");
    provenance.put("mainClass", TrainFinanceModels.class.getName());
    provenance.put("simulator", SimulatorSettings.standard(SEED, START));
    provenance.put("weeks", "1 warm-up, 2 train, 1 calibration, 1 held out (test)");
    provenance.put("events", events);
    provenance.put("trainRows", train.rows());
    provenance.put("trainFrauds", train.frauds());
    provenance.put("trainLegitSample", TRAIN_LEGIT_SAMPLE);
    provenance.put("calibrationRows", calibration.rows());
    provenance.put("calibrationFrauds", calibration.frauds());
    provenance.put("testRows", test.rows());
    provenance.put("testFrauds", test.frauds());
    provenance.put(
        "gbdt",
        Map.of(
            "library",
            "XGBoost4J 3.0.4",
            "rounds",
            GbdtTrainer.ROUNDS,
            "parameters",
            GbdtTrainer.parameters(SEED)));
    provenance.put(
        "mlp",
        Map.of(
            "library",
            "DJL 0.35.1 on PyTorch",
            "hidden",
            MlpTrainer.HIDDEN,
            "epochs",
            MlpTrainer.EPOCHS,
            "batch",
            MlpTrainer.BATCH,
            "optimizer",
            "Adam lr=1e-3",
            "loss",
            "weighted binary cross-entropy"));
    provenance.put(
        "calibration",
        "logistic regression of the label on (tree margin, MLP logit), Newton's method, calibration week");
    provenance.put("alertRate", ALERT_RATE);
    return provenance;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static void log(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }
}

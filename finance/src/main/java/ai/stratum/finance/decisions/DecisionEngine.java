package ai.stratum.finance.decisions;

import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.contract.Outcome;
import ai.stratum.finance.contract.Reason;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.features.FeatureEngine;
import ai.stratum.finance.scoring.ProductionRiskModel;
import ai.stratum.finance.scoring.RiskModel;
import ai.stratum.finance.threshold.ThresholdPolicy;
import ai.stratum.finance.threshold.Thresholds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Decides transactions: features against the current state (which the transactions then join),
 * calibrated fraud probability, reasons, and the tenant's thresholds. Batches keep their order, so
 * a card's transactions are decided in the order they arrived. Thread-safe: feature state is
 * guarded by a lock held only while features are computed.
 */
public final class DecisionEngine {

  private static final int N = FeatureEngine.SIZE;

  private final FeatureEngine features;
  private final ProductionRiskModel models;
  private final ThresholdPolicy thresholds;
  private final Clock clock;
  private final boolean exactReasonsForAll;
  private final ReentrantLock featureLock = new ReentrantLock();
  // explainers hold per-thread workspaces of one model version; a swap replaces them lazily
  private final ThreadLocal<@Nullable ModelExplainer> explainers = new ThreadLocal<>();
  private final ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[64 * N]);

  /**
   * @param exactReasonsForAll exact TreeSHAP reasons for every decision instead of for alerts only
   */
  public DecisionEngine(
      FeatureEngine features,
      ProductionRiskModel models,
      ThresholdPolicy thresholds,
      Clock clock,
      boolean exactReasonsForAll) {
    this.exactReasonsForAll = exactReasonsForAll;
    this.features = features;
    this.models = models;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  /**
   * Decides every transaction, in order; {@code receivedAt} is when the batch was read. The whole
   * batch uses one model version (its risk tables, models and calibrator), even if a promotion
   * swaps the version meanwhile.
   */
  public List<Decision> decide(List<Transaction> batch, Instant receivedAt) {
    try (ProductionRiskModel.Lease lease = models.acquire()) {
      return decide(batch, receivedAt, lease.model());
    }
  }

  private List<Decision> decide(List<Transaction> batch, Instant receivedAt, RiskModel model) {
    int rows = batch.size();
    float[] vectors = buffer(rows);
    featureLock.lock();
    try {
      features.useRiskTables(model.bundle().riskTables());
      for (int row = 0; row < rows; row++) {
        features.computeAndObserve(batch.get(row), vectors, row * N);
      }
    } finally {
      featureLock.unlock();
    }
    double[] scores = new double[rows];
    model.score(vectors, rows, scores);
    RiskModel.Explainer explainer = explainer(model);
    List<Decision> decisions = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      Transaction tx = batch.get(row);
      double score = scores[row];
      Thresholds inForce = thresholds.record(tx.tenantId(), score);
      Outcome outcome = inForce.decide(score);
      List<Reason> reasons =
          explainer.reasons(
              vectors, row, Decision.MAX_REASONS, exactReasonsForAll || outcome.isAlert());
      decisions.add(
          new Decision(
              tx.transactionId(),
              tx.tenantId(),
              score,
              outcome,
              inForce.review(),
              model.version(),
              reasons,
              N,
              receivedAt,
              clock.instant()));
    }
    return decisions;
  }

  /**
   * Folds transactions into the feature state without deciding them: the replay that rebuilds state
   * after a restart.
   */
  public void replay(List<Transaction> batch) {
    featureLock.lock();
    try {
      for (Transaction tx : batch) {
        features.observe(tx);
      }
    } finally {
      featureLock.unlock();
    }
  }

  /** Runs {@code work} with exclusive access to the feature state (snapshots and restores). */
  public void withFeatureState(java.util.function.Consumer<FeatureEngine> work) {
    featureLock.lock();
    try {
      work.accept(features);
    } finally {
      featureLock.unlock();
    }
  }

  private RiskModel.Explainer explainer(RiskModel model) {
    ModelExplainer explainer = explainers.get();
    if (explainer == null || explainer.model() != model) {
      explainer = new ModelExplainer(model, model.newExplainer());
      explainers.set(explainer);
    }
    return explainer.explainer();
  }

  private record ModelExplainer(RiskModel model, RiskModel.Explainer explainer) {}

  private float[] buffer(int rows) {
    float[] buffer = buffers.get();
    if (buffer.length < rows * N) {
      buffer = new float[rows * N];
      buffers.set(buffer);
    }
    return buffer;
  }
}

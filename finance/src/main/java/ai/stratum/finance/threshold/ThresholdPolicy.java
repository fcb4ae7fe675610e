package ai.stratum.finance.threshold;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.threshold.internal.ScoreHistogram;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Per-tenant thresholds that adapt to keep the alert rate within budget. Scores are recorded as
 * decisions are made; {@link #adapt()} (run periodically, off the scoring path) moves each tenant's
 * thresholds towards the quantiles of its recent scores that spend exactly the budget, by at most
 * {@code maxStep} per run and never beyond the bounds, and journals every change. Thread-safe.
 */
public final class ThresholdPolicy {

  private final ThresholdSettings settings;
  private final ThresholdJournal journal;
  private final Clock clock;
  private final Map<TenantId, TenantThresholds> tenants = new ConcurrentHashMap<>();

  public ThresholdPolicy(ThresholdSettings settings, ThresholdJournal journal, Clock clock) {
    this.settings = settings;
    this.journal = journal;
    this.clock = clock;
    journal
        .load()
        .forEach((tenant, thresholds) -> tenants.put(tenant, new TenantThresholds(thresholds)));
  }

  /** The thresholds in force for the tenant. */
  public Thresholds current(TenantId tenant) {
    return state(tenant).thresholds;
  }

  /**
   * Records a score for the tenant's next adaptation and returns the thresholds to decide it by.
   */
  public Thresholds record(TenantId tenant, double score) {
    TenantThresholds state = state(tenant);
    synchronized (state) {
      state.histogram.add(score);
    }
    return state.thresholds;
  }

  /**
   * Adapts every tenant with enough recent scores; returns the changes made (already journaled).
   */
  public List<ThresholdChange> adapt() {
    List<ThresholdChange> changes = new ArrayList<>();
    tenants.forEach((tenant, state) -> {
      ThresholdChange change;
      synchronized (state) {
        change = adapt(tenant, state);
        state.histogram.decay(settings.memory());
      }
      if (change != null) {
        journal.record(change);
        state.thresholds = change.to();
        changes.add(change);
      }
    });
    return changes;
  }

  private @Nullable ThresholdChange adapt(TenantId tenant, TenantThresholds state) {
    ScoreHistogram histogram = state.histogram;
    if (histogram.observations() - state.observationsAtLastChange < settings.minObservations()) {
      return null;
    }
    double budget = settings.budgetOf(tenant.value());
    Thresholds from = state.thresholds;
    double review =
        step(
            from.review(),
            histogram.thresholdFor(budget),
            settings.minReview(),
            settings.maxReview());
    double decline =
        step(
            from.decline(),
            histogram.thresholdFor(budget * settings.declineShare()),
            settings.minDecline(),
            settings.maxDecline());
    decline = Math.max(decline, review);
    if (Math.abs(review - from.review()) < 1e-3 && Math.abs(decline - from.decline()) < 1e-3) {
      return null;
    }
    state.observationsAtLastChange = histogram.observations();
    return new ThresholdChange(
        tenant,
        from,
        new Thresholds(review, decline),
        histogram.shareAtOrAbove(from.review()),
        budget,
        histogram.observations(),
        clock.instant());
  }

  private double step(double current, double target, double min, double max) {
    double limited =
        Math.max(
            current * (1 - settings.maxStep()),
            Math.min(current * (1 + settings.maxStep()), target));
    return Math.max(min, Math.min(max, limited));
  }

  private TenantThresholds state(TenantId tenant) {
    return tenants.computeIfAbsent(
        tenant,
        t ->
            new TenantThresholds(
                new Thresholds(settings.initialReview(), settings.initialDecline())));
  }

  private static final class TenantThresholds {
    private final ScoreHistogram histogram = new ScoreHistogram();
    private volatile Thresholds thresholds;
    private long observationsAtLastChange;

    private TenantThresholds(Thresholds thresholds) {
      this.thresholds = thresholds;
    }
  }
}

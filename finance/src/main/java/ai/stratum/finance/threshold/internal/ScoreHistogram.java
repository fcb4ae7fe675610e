package ai.stratum.finance.threshold.internal;

/**
 * Recent scores of one tenant as a fine histogram over [0,1] whose weight decays at every
 * adaptation, so quantiles follow the current score distribution in constant memory.
 */
public final class ScoreHistogram {

  private static final int BINS = 10_000;

  private final double[] weights = new double[BINS];
  private double total;
  private long observations;

  public void add(double score) {
    int bin = (int) Math.min(BINS - 1, Math.max(0, score * BINS));
    weights[bin] += 1;
    total += 1;
    observations++;
  }

  public long observations() {
    return observations;
  }

  /** Share of the recent weight at or above {@code threshold}. */
  public double shareAtOrAbove(double threshold) {
    if (total == 0) {
      return 0;
    }
    int first = (int) Math.min(BINS - 1, Math.max(0, Math.ceil(threshold * BINS - 1e-9)));
    double above = 0;
    for (int bin = first; bin < BINS; bin++) {
      above += weights[bin];
    }
    return above / total;
  }

  /** The lowest threshold whose share of recent scores at or above it is within {@code share}. */
  public double thresholdFor(double share) {
    double allowed = share * total;
    double above = 0;
    for (int bin = BINS - 1; bin >= 0; bin--) {
      if (above + weights[bin] > allowed) {
        return (bin + 1) / (double) BINS;
      }
      above += weights[bin];
    }
    return 0;
  }

  public void decay(double keep) {
    for (int bin = 0; bin < BINS; bin++) {
      weights[bin] *= keep;
    }
    total *= keep;
  }
}

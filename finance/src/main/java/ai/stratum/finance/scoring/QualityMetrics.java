package ai.stratum.finance.scoring;

import java.util.Arrays;

/**
 * Ranking quality of fraud scores on labelled data: PR-AUC (average precision), ROC-AUC, and the
 * recall and precision when only the top {@code alertRate} of transactions are alerted.
 */
public record QualityMetrics(
    long transactions,
    long frauds,
    double prAuc,
    double rocAuc,
    double alertRate,
    double recallAtAlertRate,
    double precisionAtAlertRate) {

  public static QualityMetrics of(double[] scores, boolean[] fraud, int count, double alertRate) {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    long positives = 0;
    for (int i = 0; i < count; i++) {
      if (fraud[i]) {
        positives++;
      }
    }
    long negatives = count - positives;
    double averagePrecision = 0;
    long truePositives = 0;
    long falsePositives = 0;
    double rocArea = 0;
    int alerts = (int) Math.max(1, Math.round(alertRate * count));
    long caughtAtBudget = 0;
    int i = 0;
    while (i < count) {
      // ties share one threshold: step over all rows with the same score at once
      int j = i;
      long tiedPositives = 0;
      while (j < count && scores[order[j]] == scores[order[i]]) {
        if (fraud[order[j]]) {
          tiedPositives++;
        }
        j++;
      }
      long tiedNegatives = (j - i) - tiedPositives;
      rocArea += tiedNegatives * (truePositives + tiedPositives / 2.0);
      truePositives += tiedPositives;
      falsePositives += tiedNegatives;
      if (tiedPositives > 0) {
        averagePrecision +=
            tiedPositives * ((double) truePositives / (truePositives + falsePositives));
      }
      i = j;
    }
    for (int k = 0; k < Math.min(alerts, count); k++) {
      if (fraud[order[k]]) {
        caughtAtBudget++;
      }
    }
    return new QualityMetrics(
        count,
        positives,
        positives == 0 ? 0 : averagePrecision / positives,
        positives == 0 || negatives == 0 ? 0 : rocArea / ((double) positives * negatives),
        alertRate,
        positives == 0 ? 0 : (double) caughtAtBudget / positives,
        (double) caughtAtBudget / Math.min(alerts, count));
  }

  @Override
  public String toString() {
    return String.format(
        "transactions=%d frauds=%d PR-AUC=%.4f ROC-AUC=%.4f recall@%.2f%%=%.4f precision@%.2f%%=%.4f",
        transactions,
        frauds,
        prAuc,
        rocAuc,
        alertRate * 100,
        recallAtAlertRate,
        alertRate * 100,
        precisionAtAlertRate);
  }
}

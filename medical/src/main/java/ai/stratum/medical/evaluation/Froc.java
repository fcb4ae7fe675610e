package ai.stratum.medical.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Free-response ROC by the LUNA16 rules: a detection hits a nodule when its centre lies within the
 * nodule's radius of the nodule's centre; a nodule counts once however often it is hit, and extra
 * hits on it are neither true nor false positives; every other detection is a false positive. CPM
 * is the mean sensitivity at 1/8, 1/4, 1/2, 1, 2, 4 and 8 false positives per scan.
 */
public final class Froc {

  public static final double[] CPM_RATES = {0.125, 0.25, 0.5, 1, 2, 4, 8};

  /** A true nodule: centre (mm) and radius. */
  public record Truth(double x, double y, double z, double radiusMm) {}

  /** A detection: centre (mm) and probability. */
  public record Detection(double x, double y, double z, double probability) {}

  /** One operating point: threshold, sensitivity, false positives per scan. */
  public record Point(double threshold, double sensitivity, double falsePositivesPerScan) {}

  private final List<Scored> scored = new ArrayList<>();
  private int scans;
  private int nodules;

  private record Scored(double probability, int scan, int nodule) {}

  /** Adds one scan: its true nodules and what was detected. */
  public void addScan(List<Truth> truths, List<Detection> detections) {
    for (Detection detection : detections) {
      int hit = -1;
      double best = Double.MAX_VALUE;
      for (int n = 0; n < truths.size(); n++) {
        Truth truth = truths.get(n);
        double distance =
            Math.sqrt(
                square(detection.x() - truth.x())
                    + square(detection.y() - truth.y())
                    + square(detection.z() - truth.z()));
        if (distance <= truth.radiusMm() && distance < best) {
          best = distance;
          hit = nodules + n;
        }
      }
      scored.add(new Scored(detection.probability(), scans, hit));
    }
    scans++;
    nodules += truths.size();
  }

  /** The curve from the strictest threshold to the loosest. */
  public List<Point> curve() {
    List<Scored> sorted = new ArrayList<>(scored);
    sorted.sort(Comparator.comparingDouble(Scored::probability).reversed());
    java.util.Set<Integer> found = new java.util.HashSet<>();
    int falsePositives = 0;
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Scored s = sorted.get(i);
      if (s.nodule() < 0) {
        falsePositives++;
      } else {
        found.add(s.nodule());
      }
      boolean lastAtThreshold =
          i == sorted.size() - 1 || sorted.get(i + 1).probability() < s.probability();
      if (lastAtThreshold) {
        points.add(
            new Point(
                s.probability(),
                nodules == 0 ? 0 : (double) found.size() / nodules,
                scans == 0 ? 0 : (double) falsePositives / scans));
      }
    }
    return points;
  }

  /** The best sensitivity with at most {@code rate} false positives per scan. */
  public double sensitivityAt(double rate) {
    double best = 0;
    for (Point point : curve()) {
      if (point.falsePositivesPerScan() <= rate) {
        best = Math.max(best, point.sensitivity());
      }
    }
    return best;
  }

  public double cpm() {
    double sum = 0;
    for (double rate : CPM_RATES) {
      sum += sensitivityAt(rate);
    }
    return sum / CPM_RATES.length;
  }

  public int scans() {
    return scans;
  }

  public int nodules() {
    return nodules;
  }

  private static double square(double v) {
    return v * v;
  }
}

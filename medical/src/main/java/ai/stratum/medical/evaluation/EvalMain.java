package ai.stratum.medical.evaluation;

import ai.stratum.medical.detection.DetectionProperties;
import ai.stratum.medical.detection.Finding;
import ai.stratum.medical.detection.NoduleCnn;
import ai.stratum.medical.detection.NoduleDetector;
import ai.stratum.medical.imaging.Slice;
import ai.stratum.medical.imaging.Volume;
import ai.stratum.medical.imaging.VolumeAssembler;
import ai.stratum.medical.imaging.VolumeRejectedException;
import ai.stratum.medical.phantom.Nodule;
import ai.stratum.medical.phantom.NoduleType;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./stratum eval medical}: FROC and CPM of the nodule detector on held-out phantoms, by the
 * LUNA16 rules. The held-out set uses seeds far from the ones used while developing the detector,
 * and low-dose noise.
 *
 * <p>Arguments: {@code [SCANS=10] [SLICES=240] [MATRIX=512] [NOISE_HU=30] [NODULES=8]
 * [FIRST_SEED=900001] [MODEL=models/medical/nodule-cnn/artifact.zip]}; candidates are scored by the
 * CNN (through the inference core's PyTorch runtime, with flip test-time augmentation) when the
 * model file exists, else {@code classical} (the blob filter's score) is evaluated.
 */
public final class EvalMain {

  private EvalMain() {}

  public static void main(String[] args) throws VolumeRejectedException {
    int scans = intArg(args, 0, 10);
    int slices = intArg(args, 1, 240);
    int matrix = intArg(args, 2, 512);
    double noise = args.length > 3 ? Double.parseDouble(args[3]) : 30;
    int nodules = intArg(args, 4, 8);
    long firstSeed = args.length > 5 ? Long.parseLong(args[5]) : 900_001L;
    Path model = Path.of(args.length > 6 ? args[6] : "models/medical/nodule-cnn/artifact.zip");
    NoduleCnn cnn = Files.isRegularFile(model) ? new NoduleCnn(model, 1) : null;
    System.out.println(
        "Scoring: " + (cnn == null ? "classical blob score" : "3D CNN " + model.toAbsolutePath()));
    NoduleDetector detector = new NoduleDetector(DetectionProperties.defaults(), cnn);
    Froc all = new Froc();
    Froc large = new Froc();
    List<String> misses = new ArrayList<>();
    for (int scan = 0; scan < scans; scan++) {
      long seed = firstSeed + scan;
      PhantomSeries series =
          PhantomSeries.of(
              new PhantomSpec(matrix, slices, 1.25, nodules, noise, seed, "EVAL-" + seed));
      Volume volume = volume(series);
      long started = System.nanoTime();
      List<Finding> findings = detector.detect(volume).findings();
      double seconds = (System.nanoTime() - started) / 1e9;
      List<Froc.Detection> detections =
          findings.stream()
              .map(f -> new Froc.Detection(f.x(), f.y(), f.z(), f.probability()))
              .toList();
      List<Froc.Truth> truths = new ArrayList<>();
      List<Froc.Truth> largeTruths = new ArrayList<>();
      for (Nodule nodule : series.nodules()) {
        Froc.Truth truth =
            new Froc.Truth(nodule.centerX(), nodule.centerY(), nodule.centerZ(), nodule.radiusMm());
        truths.add(truth);
        if (nodule.diameterMm() >= 6) {
          largeTruths.add(truth);
        }
        boolean hit =
            detections.stream()
                .anyMatch(d -> distance(d, truth) <= truth.radiusMm() && d.probability() >= 0.5);
        if (!hit) {
          misses.add(
              String.format(
                  Locale.ROOT,
                  "seed %d: %.1f mm %s%s at (%.0f, %.0f, %.0f)",
                  seed,
                  nodule.diameterMm(),
                  nodule.type() == NoduleType.SOLID ? "solid" : "ground-glass",
                  nodule.touchesPleura() ? " juxtapleural" : "",
                  nodule.centerX(),
                  nodule.centerY(),
                  nodule.centerZ()));
        }
      }
      all.addScan(truths, detections);
      // for the >= 6 mm figure, hits on smaller nodules are neither true nor false positives
      large.addScan(
          largeTruths,
          detections.stream()
              .filter(d ->
                  truths.stream()
                      .noneMatch(t -> t.radiusMm() < 3 && distance(d, t) <= t.radiusMm()))
              .toList());
      System.out.printf(
          Locale.ROOT,
          "scan %d (seed %d): %d nodules, %d findings, detection %.1f s%n",
          scan + 1,
          seed,
          truths.size(),
          findings.size(),
          seconds);
    }
    System.out.printf(
        Locale.ROOT,
        "%nFROC over %d scans, %d nodules (LUNA16 rules)%n  FP/scan  sensitivity%n",
        all.scans(),
        all.nodules());
    for (double rate : Froc.CPM_RATES) {
      System.out.printf(Locale.ROOT, "  %7.3f  %.3f%n", rate, all.sensitivityAt(rate));
    }
    System.out.printf(Locale.ROOT, "CPM %.3f%n", all.cpm());
    System.out.printf(
        Locale.ROOT,
        "Sensitivity for nodules >= 6 mm at 1 FP/scan: %.3f (%d nodules)%n",
        large.sensitivityAt(1),
        large.nodules());
    System.out.println("Missed at probability 0.5:");
    misses.forEach(m -> System.out.println("  " + m));
    if (cnn != null) {
      cnn.close();
    }
  }

  static Volume volume(PhantomSeries series) throws VolumeRejectedException {
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i < series.spec().slices(); i++) {
      slices.add(Slice.from(series.slice(i)));
    }
    return new VolumeAssembler(1.0).assemble(slices);
  }

  private static double distance(Froc.Detection d, Froc.Truth t) {
    return Math.sqrt(
        (d.x() - t.x()) * (d.x() - t.x())
            + (d.y() - t.y()) * (d.y() - t.y())
            + (d.z() - t.z()) * (d.z() - t.z()));
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}

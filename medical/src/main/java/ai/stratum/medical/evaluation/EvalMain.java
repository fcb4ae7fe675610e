package ai.stratum.medical.evaluation;

import ai.stratum.medical.detection.DetectionProperties;
import ai.stratum.medical.detection.NoduleCnn;
import ai.stratum.medical.detection.NoduleDetector;
import ai.stratum.medical.imaging.Slice;
import ai.stratum.medical.imaging.Volume;
import ai.stratum.medical.imaging.VolumeAssembler;
import ai.stratum.medical.imaging.VolumeRejectedException;
import ai.stratum.medical.phantom.Nodule;
import ai.stratum.medical.phantom.NoduleMix;
import ai.stratum.medical.phantom.NoduleType;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code ./stratum eval medical}: FROC and CPM of the nodule detector on held-out phantoms, by the
 * LUNA16 rules, overall and per hard-case category (small 3-5 mm, juxtapleural, ground-glass).
 *
 * <p>Seeds: the held-out hard set is {@value #HELD_OUT_FIRST_SEED}..970016 (16 scans, {@link
 * NoduleMix#HARD}, low-dose noise); nothing is trained or tuned on it. Training phantoms use
 * 1100.., validation 2100.. ({@code TrainMain}), detector tuning {@value #TUNING_FIRST_SEED}..3004
 * and 4001..4016 (same mix, pass them as FIRST_SEED). Sets reported before, so no longer untouched:
 * 950001..950008 (once before the wall-bump search and the retrained CNN), 960001..960008 (before
 * and after the surface-dent candidates); 900001.. and 910001.. are standard-mix sets.
 *
 * <p>Arguments: {@code [SCANS=16] [SLICES=300] [MATRIX=512] [NOISE_HU=45] [NODULES=8]
 * [FIRST_SEED=970001] [MIX=HARD] [MODEL=models/medical/nodule-cnn/artifact.zip]}; candidates are
 * scored by the CNN (through the inference core's PyTorch runtime, with flip test-time
 * augmentation) when the model file exists, else by the blob filter's score. Lists every nodule not
 * found at the 1 FP/scan operating point with its best probability, or "no candidate".
 */
public final class EvalMain {

  static final long HELD_OUT_FIRST_SEED = 970_001L;
  static final long TUNING_FIRST_SEED = 3_001L;

  /** The groups the FROC is reported for: every nodule, then each hard case. */
  private static final Map<String, Predicate<Nodule>> CATEGORIES = categories();

  private EvalMain() {}

  private static Map<String, Predicate<Nodule>> categories() {
    Map<String, Predicate<Nodule>> categories = new LinkedHashMap<>();
    categories.put("all", n -> true);
    categories.put("small < 6 mm", n -> n.diameterMm() < 6);
    categories.put("juxtapleural", Nodule::touchesPleura);
    categories.put("ground-glass", n -> n.type() == NoduleType.GROUND_GLASS);
    categories.put(
        "solid >= 6 mm, not pleural",
        n -> n.diameterMm() >= 6 && n.type() == NoduleType.SOLID && !n.touchesPleura());
    categories.put(">= 6 mm", n -> n.diameterMm() >= 6);
    return categories;
  }

  public static void main(String[] args) throws VolumeRejectedException {
    int scans = intArg(args, 0, 16);
    int slices = intArg(args, 1, 300);
    int matrix = intArg(args, 2, 512);
    double noise = args.length > 3 ? Double.parseDouble(args[3]) : 45;
    int nodules = intArg(args, 4, 8);
    long firstSeed = args.length > 5 ? Long.parseLong(args[5]) : HELD_OUT_FIRST_SEED;
    NoduleMix mix = args.length > 6 ? NoduleMix.valueOf(args[6]) : NoduleMix.HARD;
    Path model = Path.of(args.length > 7 ? args[7] : "models/medical/nodule-cnn/artifact.zip");
    NoduleCnn cnn = Files.isRegularFile(model) ? new NoduleCnn(model, 1) : null;
    System.out.printf(
        Locale.ROOT,
        "Scoring: %s%nPhantoms: %d x %d x %d slices of 1.25 mm, %s mix, %d nodules each, noise %.0f"
            + " HU, seeds %d..%d%s%n",
        cnn == null ? "classical blob score" : "3D CNN " + model.toAbsolutePath(),
        scans,
        matrix,
        slices,
        mix,
        nodules,
        noise,
        firstSeed,
        firstSeed + scans - 1,
        firstSeed == HELD_OUT_FIRST_SEED ? " (held-out set)" : "");
    NoduleDetector detector = new NoduleDetector(DetectionProperties.defaults(), cnn);
    Map<String, Froc> frocs = new LinkedHashMap<>();
    CATEGORIES.keySet().forEach(name -> frocs.put(name, new Froc()));
    Map<String, Double> stageTotals = new LinkedHashMap<>();
    // every nodule with the best probability of a detection on it (-1: none)
    List<Map.Entry<String, Double>> outcomes = new ArrayList<>();
    for (int scan = 0; scan < scans; scan++) {
      long seed = firstSeed + scan;
      PhantomSeries series =
          PhantomSeries.of(
              new PhantomSpec(matrix, slices, 1.25, nodules, noise, seed, "EVAL-" + seed, mix));
      Volume volume = volume(series);
      long started = System.nanoTime();
      NoduleDetector.Detection detection = detector.detect(volume);
      double seconds = (System.nanoTime() - started) / 1e9;
      detection.stageSeconds().forEach((stage, s) -> stageTotals.merge(stage, s, Double::sum));
      List<Froc.Detection> detections =
          detection.findings().stream()
              .map(f -> new Froc.Detection(f.x(), f.y(), f.z(), f.probability()))
              .toList();
      List<Nodule> truths = series.nodules();
      for (var category : CATEGORIES.entrySet()) {
        List<Froc.Truth> in = new ArrayList<>();
        List<Froc.Truth> out = new ArrayList<>();
        for (Nodule nodule : truths) {
          (category.getValue().test(nodule) ? in : out).add(truth(nodule));
        }
        // hits on nodules outside the category are neither true nor false positives for it
        frocs
            .get(category.getKey())
            .addScan(
                in,
                detections.stream()
                    .filter(d -> out.stream().noneMatch(t -> distance(d, t) <= t.radiusMm()))
                    .toList());
      }
      for (Nodule nodule : truths) {
        Froc.Truth truth = truth(nodule);
        double best =
            detections.stream()
                .filter(d -> distance(d, truth) <= truth.radiusMm())
                .mapToDouble(Froc.Detection::probability)
                .max()
                .orElse(-1);
        outcomes.add(
            Map.entry(
                String.format(
                    Locale.ROOT,
                    "seed %d: %.1f mm %s (%.0f HU)%s at (%.0f, %.0f, %.0f)",
                    seed,
                    nodule.diameterMm(),
                    nodule.type() == NoduleType.SOLID ? "solid" : "ground-glass",
                    nodule.hounsfield(),
                    nodule.touchesPleura() ? " juxtapleural" : "",
                    nodule.centerX(),
                    nodule.centerY(),
                    nodule.centerZ()),
                best));
      }
      System.out.printf(
          Locale.ROOT,
          "scan %d (seed %d): %d nodules, %d findings, detection %.1f s %s%n",
          scan + 1,
          seed,
          truths.size(),
          detection.findings().size(),
          seconds,
          detection.stageSeconds());
    }
    print(frocs, stageTotals, scans);
    // the operating point of the >= 6 mm target: the lowest threshold at 1 FP/scan or fewer
    double threshold =
        frocs.get("all").curve().stream()
            .filter(point -> point.falsePositivesPerScan() <= 1)
            .mapToDouble(Froc.Point::threshold)
            .min()
            .orElse(1);
    System.out.printf(Locale.ROOT, "Not found at 1 FP/scan (p >= %.4f):%n", threshold);
    outcomes.stream()
        .filter(outcome -> outcome.getValue() < threshold)
        .forEach(outcome ->
            System.out.printf(
                Locale.ROOT,
                "  %s: %s%n",
                outcome.getKey(),
                outcome.getValue() < 0
                    ? "no candidate"
                    : String.format(Locale.ROOT, "probability %.4f", outcome.getValue())));
    if (cnn != null) {
      cnn.close();
    }
  }

  private static void print(Map<String, Froc> frocs, Map<String, Double> stageTotals, int scans) {
    System.out.printf(
        Locale.ROOT,
        "%nFROC (LUNA16 rules): sensitivity at false positives per scan; every false positive of"
            + " the scan counts in every category%n%-28s %5s",
        "category",
        "n");
    for (double rate : Froc.CPM_RATES) {
      System.out.printf(Locale.ROOT, " %6s", rate < 1 ? "1/" + Math.round(1 / rate) : (int) rate);
    }
    System.out.printf(Locale.ROOT, " %6s%n", "CPM");
    for (var entry : frocs.entrySet()) {
      Froc froc = entry.getValue();
      if (froc.nodules() == 0) {
        continue;
      }
      System.out.printf(Locale.ROOT, "%-28s %5d", entry.getKey(), froc.nodules());
      for (double rate : Froc.CPM_RATES) {
        System.out.printf(Locale.ROOT, " %6.3f", froc.sensitivityAt(rate));
      }
      System.out.printf(Locale.ROOT, " %6.3f%n", froc.cpm());
    }
    Froc all = frocs.get("all");
    Froc large = frocs.get(">= 6 mm");
    System.out.printf(Locale.ROOT, "%nCPM %.3f%n", all.cpm());
    System.out.printf(
        Locale.ROOT,
        "Sensitivity for nodules >= 6 mm at 1 FP/scan: %.3f (%d nodules)%n",
        large.sensitivityAt(1),
        large.nodules());
    System.out.println(
        "FROC curve (all nodules, up to 8 FP/scan): where each sensitivity is first reached");
    double reached = -1;
    for (Froc.Point point : all.curve()) {
      if (point.sensitivity() > reached && point.falsePositivesPerScan() <= 8) {
        System.out.printf(
            Locale.ROOT,
            "  p >= %.4f: %6.3f FP/scan, sensitivity %.3f%n",
            point.threshold(),
            point.falsePositivesPerScan(),
            point.sensitivity());
        reached = point.sensitivity();
      }
    }
    System.out.print("Mean detection seconds per scan by stage:");
    stageTotals.forEach(
        (stage, total) -> System.out.printf(Locale.ROOT, " %s %.2f", stage, total / scans));
    System.out.println();
  }

  private static Froc.Truth truth(Nodule nodule) {
    return new Froc.Truth(nodule.centerX(), nodule.centerY(), nodule.centerZ(), nodule.radiusMm());
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

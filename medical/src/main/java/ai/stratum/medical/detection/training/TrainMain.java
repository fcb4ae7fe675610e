package ai.stratum.medical.detection.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.stratum.core.inference.runtime.Cnn3dArchitecture;
import ai.stratum.core.inference.runtime.Losses;
import ai.stratum.core.inference.runtime.PyTorchArtifact;
import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.detection.DetectionProperties;
import ai.stratum.medical.detection.NoduleCnn;
import ai.stratum.medical.detection.PatchClassifier;
import ai.stratum.medical.detection.internal.BlobDetector;
import ai.stratum.medical.detection.internal.Grid;
import ai.stratum.medical.detection.internal.Patches;
import ai.stratum.medical.imaging.Slice;
import ai.stratum.medical.imaging.Volume;
import ai.stratum.medical.imaging.VolumeAssembler;
import ai.stratum.medical.imaging.VolumeRejectedException;
import ai.stratum.medical.phantom.Nodule;
import ai.stratum.medical.phantom.NoduleMix;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ./stratum train medical}: trains the nodule CNN (inference core {@code cnn3d}: three
 * conv-BN-ReLU-pool stages of 8, 16 and 32 filters, one logit) on candidate patches from phantoms.
 * Candidates come from the classical blob detector; those within a nodule's radius are positives,
 * plus patches at every true nodule centre with a jitter; mirrored at random while training. Every
 * other phantom has only hard cases ({@link NoduleMix#HARD}). Writes {@code artifact.zip}, {@code
 * metrics.json} and {@code manifest.json} into the output directory.
 *
 * <p>Arguments: {@code OUT_DIR [TRAIN_SCANS=24] [VALIDATION_SCANS=4] [EPOCHS=30] [SEED=1]}.
 */
public final class TrainMain {

  private static final int SIDE = PatchClassifier.SIDE;
  private static final int VOXELS = SIDE * SIDE * SIDE;
  private static final int BATCH = 32;
  private static final int MATRIX = 256;
  private static final int SLICES = 120;
  private static final int NODULES = 10;

  private TrainMain() {}

  record Sample(float[] patch, float label) {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "models/medical/nodule-cnn");
    int trainScans = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    int validationScans = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
    long started = System.nanoTime();
    // training seeds 1000+, validation 2000+; evaluation uses 900001+ (EvalMain)
    List<Sample> train = samples(1000 + seed * 100, trainScans, true);
    List<Sample> validation = samples(2000 + seed * 100, validationScans, false);
    System.out.printf(
        Locale.ROOT,
        "%d training patches (%d positive), %d validation (%d positive), %.0f s%n",
        train.size(),
        positives(train),
        validation.size(),
        positives(validation),
        (System.nanoTime() - started) / 1e9);
    Cnn3dArchitecture architecture =
        new Cnn3dArchitecture(1, SIDE, SIDE, SIDE, List.of(8, 16, 32), 1);
    byte[] artifact = train(architecture, train, epochs, seed);
    Files.createDirectories(out);
    Path artifactFile = out.resolve("artifact.zip");
    Files.write(artifactFile, artifact);
    Map<String, Object> metrics = new LinkedHashMap<>();
    try (NoduleCnn classifier = new NoduleCnn(artifactFile, 1)) {
      float[] p = classifier.probabilities(validation.stream().map(Sample::patch).toList());
      metrics.put("validationAuc", auc(p, validation));
      metrics.put("validationAccuracyAt0.5", accuracy(p, validation));
    }
    metrics.put("trainPatches", train.size());
    metrics.put("trainPositives", positives(train));
    metrics.put("validationPatches", validation.size());
    metrics.put("validationPositives", positives(validation));
    metrics.put("trainingSeconds", Math.round((System.nanoTime() - started) / 1e9));
    Files.writeString(
        out.resolve("metrics.json"),
        StratumJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("model", NoduleCnn.MODEL_NAME);
    manifest.put("framework", "pytorch");
    manifest.put("artifact", "artifact.zip");
    manifest.put("sha256", sha256(artifact));
    manifest.put("architecture", architecture);
    manifest.put(
        "howMade",
        String.format(
            Locale.ROOT,
            "ai.stratum.medical.detection.training.TrainMain %s %d %d %d %d: DJL %s on PyTorch CPU,"
                + " Adam 1e-3, batch %d, sigmoid BCE; phantoms %dx%d, %d slices of 1.25 mm, %d nodules,"
                + " every other scan the HARD mix, noise 10-50 HU, resampled to 1 mm; training seeds"
                + " %d.., validation seeds %d..",
            out,
            trainScans,
            validationScans,
            epochs,
            seed,
            ai.djl.engine.Engine.getDjlVersion(),
            BATCH,
            MATRIX,
            MATRIX,
            SLICES,
            NODULES,
            1000 + seed * 100,
            2000 + seed * 100));
    manifest.put("metrics", metrics);
    manifest.put("createdAt", Instant.now().toString());
    Files.writeString(
        out.resolve("manifest.json"),
        StratumJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    System.out.println("metrics " + metrics);
    System.out.println("wrote " + artifactFile.toAbsolutePath());
  }

  private static List<Sample> samples(long firstSeed, int scans, boolean jitteredTruth)
      throws VolumeRejectedException {
    DetectionProperties settings = DetectionProperties.defaults();
    BlobDetector detector =
        new BlobDetector(
            new double[] {1.75, 2.5, 3.5, 5, 7, 10, 14},
            settings.minContrastHu(),
            settings.minBlobness(),
            settings.minDiameterMm());
    List<Sample> samples = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(firstSeed);
    for (int scan = 0; scan < scans; scan++) {
      long seed = firstSeed + scan;
      double noise = 10 + 40 * random.nextDouble();
      // every other scan has only hard cases (small, juxtapleural, faint ground-glass)
      NoduleMix mix = scan % 2 == 1 ? NoduleMix.HARD : NoduleMix.STANDARD;
      PhantomSeries series =
          PhantomSeries.of(
              new PhantomSpec(MATRIX, SLICES, 1.25, NODULES, noise, seed, "TRAIN-" + seed, mix));
      List<Slice> slices = new ArrayList<>();
      for (int i = 0; i < SLICES; i++) {
        slices.add(Slice.from(series.slice(i)));
      }
      Volume volume = new VolumeAssembler(1.0).assemble(slices);
      Grid grid =
          BlobDetector.grid(volume.columns(), volume.rows(), volume.slices(), volume.hounsfield());
      for (BlobDetector.Blob blob : detector.detect(grid, 1.0).blobs()) {
        double[] p = volume.position(blob.x(), blob.y(), blob.z());
        boolean hit = series.nodules().stream().anyMatch(n -> distance(p, n) <= n.radiusMm());
        samples.add(
            new Sample(
                Patches.extract(grid, blob.x(), blob.y(), blob.z(), blob.diameterMm(), 1.0),
                hit ? 1 : 0));
      }
      if (jitteredTruth) {
        for (Nodule nodule : series.nodules()) {
          for (int j = 0; j < 3; j++) {
            double jitter = nodule.radiusMm() * 0.3;
            double x =
                nodule.centerX() + jitter * (2 * random.nextDouble() - 1) - volume.origin()[0];
            double y =
                nodule.centerY() + jitter * (2 * random.nextDouble() - 1) - volume.origin()[1];
            double z =
                nodule.centerZ() + jitter * (2 * random.nextDouble() - 1) - volume.origin()[2];
            double diameter = nodule.diameterMm() * (0.8 + 0.4 * random.nextDouble());
            samples.add(new Sample(Patches.extract(grid, x, y, z, diameter, 1.0), 1));
          }
        }
      }
      System.out.printf(
          Locale.ROOT, "scan %d (seed %d): %d patches so far%n", scan + 1, seed, samples.size());
    }
    return samples;
  }

  private static byte[] train(
      Cnn3dArchitecture architecture, List<Sample> samples, int epochs, long seed)
      throws IOException {
    int positives = positives(samples);
    // balance the classes in the loss: candidates are mostly vessels and wall
    float positiveWeight = (float) (samples.size() - positives) / Math.max(1, positives);
    try (Model model = PyTorchArtifact.newModel(NoduleCnn.MODEL_NAME, architecture)) {
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH, 1, SIDE, SIDE, SIDE));
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        float[] inputs = new float[BATCH * VOXELS];
        float[] labels = new float[BATCH];
        float[] weights = new float[BATCH];
        for (int epoch = 0; epoch < epochs; epoch++) {
          long started = System.nanoTime();
          for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
          }
          double lossSum = 0;
          int batches = 0;
          for (int start = 0; start + BATCH <= order.length; start += BATCH) {
            for (int b = 0; b < BATCH; b++) {
              Sample sample = samples.get(order[start + b]);
              System.arraycopy(
                  Patches.flip(sample.patch(), random.nextInt(8)), 0, inputs, b * VOXELS, VOXELS);
              labels[b] = sample.label();
              weights[b] = sample.label() > 0 ? positiveWeight : 1;
            }
            lossSum += step(trainer, inputs, labels, weights);
            batches++;
          }
          System.out.printf(
              Locale.ROOT,
              "epoch %d: loss %.4f (%.0f s)%n",
              epoch + 1,
              lossSum / Math.max(1, batches),
              (System.nanoTime() - started) / 1e9);
        }
      }
      ByteArrayOutputStream artifact = new ByteArrayOutputStream();
      PyTorchArtifact.write(model, architecture, artifact);
      return artifact.toByteArray();
    }
  }

  private static double step(Trainer trainer, float[] inputs, float[] labels, float[] weights) {
    double value;
    try (NDManager batch = trainer.getManager().newSubManager();
        GradientCollector collector = trainer.newGradientCollector()) {
      NDArray x = batch.create(inputs, new Shape(BATCH, 1, SIDE, SIDE, SIDE));
      NDArray y = batch.create(labels, new Shape(BATCH, 1));
      NDArray w = batch.create(weights, new Shape(BATCH, 1));
      NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
      NDArray loss = Losses.weightedLogisticLoss(logits, y, w);
      collector.backward(loss);
      value = loss.getFloat();
    }
    trainer.step();
    return value;
  }

  private static int positives(List<Sample> samples) {
    return (int) samples.stream().filter(s -> s.label() > 0).count();
  }

  static double auc(float[] p, List<Sample> samples) {
    long pairs = 0;
    double wins = 0;
    for (int i = 0; i < p.length; i++) {
      if (samples.get(i).label() == 0) {
        continue;
      }
      for (int j = 0; j < p.length; j++) {
        if (samples.get(j).label() > 0) {
          continue;
        }
        pairs++;
        wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
      }
    }
    return pairs == 0 ? Double.NaN : wins / pairs;
  }

  private static double accuracy(float[] p, List<Sample> samples) {
    int right = 0;
    for (int i = 0; i < p.length; i++) {
      if ((p[i] >= 0.5) == (samples.get(i).label() > 0)) {
        right++;
      }
    }
    return (double) right / Math.max(1, p.length);
  }

  private static double distance(double[] p, Nodule n) {
    return Math.sqrt(
        Math.pow(p[0] - n.centerX(), 2)
            + Math.pow(p[1] - n.centerY(), 2)
            + Math.pow(p[2] - n.centerZ(), 2));
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

package ai.stratum.bench.inference;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.stratum.core.inference.DataType;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TensorSpec;
import ai.stratum.core.inference.runtime.Architecture;
import ai.stratum.core.inference.runtime.Cnn3dArchitecture;
import ai.stratum.core.inference.runtime.DevicePreference;
import ai.stratum.core.inference.runtime.DeviceSelector;
import ai.stratum.core.inference.runtime.MlpArchitecture;
import ai.stratum.core.inference.runtime.PyTorchArtifact;
import ai.stratum.core.inference.runtime.PyTorchRuntime;
import ai.stratum.core.inference.serving.BatchingSettings;
import ai.stratum.core.inference.serving.ModelDeployment;
import ai.stratum.core.inference.serving.ModelServer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Serves the finance MLP (214 features, hidden 64 and 32, one logit) and a small 3D CNN (32^3
 * patches) through the real {@link ModelServer}, once with batching off (batch size 1) and once
 * with dynamic batching, and prints throughput and latency per setting: saturated by closed-loop
 * clients for the maximum throughput, and at one fixed open-loop rate (the same for both settings)
 * for the p99 comparison.
 */
public final class InferenceBenchmark {

  public static final String OPTIONS =
      """
      Options of 'inference':
        --seconds N       measured seconds per round and setting, after 1 s warm-up (default 3)
        --rounds N        rounds; the settings take turns in each (default 3)
        --load F          open-loop rate as a fraction of batch-1 saturation throughput (default 0.7)
        --workers N       worker threads per model, each with its own predictor (default: cores)
        --max-delay-us N  how long a batch may wait to fill, in microseconds (default 0: take what is queued)
        --only mlp|cnn    run one model
      """;

  private static final MlpArchitecture FINANCE_MLP = new MlpArchitecture(214, List.of(64, 32), 1);
  private static final Cnn3dArchitecture NODULE_CNN =
      new Cnn3dArchitecture(1, 32, 32, 32, List.of(16, 32), 2);

  private InferenceBenchmark() {}

  public static void run(List<String> arguments, PrintStream out) throws Exception {
    Options options = Options.parse(arguments);
    Path directory = Files.createTempDirectory("stratum-bench-inference");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    int cores = Runtime.getRuntime().availableProcessors();
    int workers = options.workers() > 0 ? options.workers() : cores;
    out.printf(
        Locale.ROOT,
        "Stratum inference benchmark: %d cores, Java %s, DJL %s on PyTorch (1 intra-op thread per worker), "
            + "%d workers per model, %d rounds of %d s per setting%n%n",
        cores,
        Runtime.version(),
        Engine.getDjlVersion(),
        workers,
        options.rounds(),
        options.seconds());
    List<Row> rows = new ArrayList<>();
    try (ModelServer server =
        new ModelServer(
            List.of(new PyTorchRuntime(1)),
            DeviceSelector.detect().select(DevicePreference.AUTO),
            meters,
            Duration.ofSeconds(60))) {
      if (!options.only().equals("cnn")) {
        rows.addAll(
            measure(
                server,
                meters,
                new Subject("finance-mlp", FINANCE_MLP, 64, 128, mlpInputs()),
                workers,
                options,
                directory,
                out));
      }
      if (!options.only().equals("mlp")) {
        rows.addAll(
            measure(
                server,
                meters,
                new Subject("nodule-cnn", NODULE_CNN, 8, 8, cnnInputs()),
                workers,
                options,
                directory,
                out));
      }
    }
    out.println();
    out.println(Row.HEADER);
    rows.forEach(row -> out.println(row.format()));
    out.println();
    summarize(rows, out);
  }

  private record Subject(
      String name,
      Architecture architecture,
      int maxBatchSize,
      int clients,
      List<List<Tensor>> inputs) {}

  private static List<Row> measure(
      ModelServer server,
      SimpleMeterRegistry meters,
      Subject subject,
      int workers,
      Options options,
      Path directory,
      PrintStream out)
      throws Exception {
    Path artifact = artifact(directory, subject);
    BatchingSettings dynamic =
        new BatchingSettings(
            subject.maxBatchSize(),
            Duration.ofNanos(options.maxDelayMicros() * 1000),
            16_384,
            workers,
            Duration.ofSeconds(60),
            Duration.ofSeconds(1));
    List<Setting> settings =
        List.of(
            new Setting("batch-1", dynamic.unbatched()),
            new Setting("dynamic<=" + subject.maxBatchSize(), dynamic));
    LoadGenerator load =
        new LoadGenerator(
            server,
            subject.name(),
            subject.inputs(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(options.seconds()));

    out.printf(
        "%s: saturating with %d closed-loop clients, %d rounds ...%n",
        subject.name(), subject.clients(), options.rounds());
    List<Result> saturated = results(settings);
    for (int round = 0; round < options.rounds(); round++) {
      for (Result result : saturated) {
        deploy(server, subject, artifact, result.setting().batching());
        load.closedLoop(subject.clients(), result.latencies());
        result.countBatches(meters, subject);
      }
    }
    double singleThroughput = saturated.getFirst().latencies().answered() / options.totalSeconds();
    double rate = Math.max(1, Math.round(singleThroughput * options.load()));

    out.printf(
        Locale.ROOT,
        "%s: open loop at %.0f requests/s, %d rounds ...%n",
        subject.name(),
        rate,
        options.rounds());
    List<Result> open = results(settings);
    for (int round = 0; round < options.rounds(); round++) {
      for (Result result : open) {
        deploy(server, subject, artifact, result.setting().batching());
        load.openLoop(rate, result.latencies());
        result.countBatches(meters, subject);
      }
    }
    server.undeploy(subject.name());

    List<Row> rows = new ArrayList<>();
    saturated.forEach(result -> rows.add(result.row(subject, "saturated", Double.NaN, options)));
    open.forEach(result -> rows.add(result.row(subject, "open loop", rate, options)));
    return rows;
  }

  private record Setting(String name, BatchingSettings batching) {}

  /**
   * What one setting measured over all rounds. The settings take turns round by round, so a burst
   * of load from elsewhere on the machine hits both rather than skewing one.
   */
  private static final class Result {
    private final Setting setting;
    private final Latencies latencies = new Latencies(16_000_000);
    private long batches;
    private double batched;

    Result(Setting setting) {
      this.setting = setting;
    }

    Setting setting() {
      return setting;
    }

    Latencies latencies() {
      return latencies;
    }

    /** Adds the batches of the version in service (warm-up included) from its own histogram. */
    void countBatches(SimpleMeterRegistry meters, Subject subject) {
      DistributionSummary summary =
          Search.in(meters)
              .name("stratum.inference.batch.size")
              .tag("model", subject.name())
              .summary();
      if (summary != null) {
        batches += summary.count();
        batched += summary.totalAmount();
      }
    }

    Row row(Subject subject, String mode, double offered, Options options) {
      return Row.of(
          subject.name(),
          setting.name(),
          mode,
          offered,
          latencies,
          options.totalSeconds(),
          batches == 0 ? Double.NaN : batched / batches);
    }
  }

  private static List<Result> results(List<Setting> settings) {
    return settings.stream().map(Result::new).toList();
  }

  /**
   * Serves the subject with new settings: a new version, because a deployment keeps its settings.
   */
  private static void deploy(
      ModelServer server, Subject subject, Path artifact, BatchingSettings batching)
      throws Exception {
    int version = server.served(subject.name()).map(ModelRef::version).orElse(0) + 1;
    ModelSignature signature =
        ModelSignature.of(
            new TensorSpec(
                "input",
                DataType.FLOAT32,
                Arrays.stream(subject.architecture().sampleShape().getShape()).boxed().toList()),
            TensorSpec.of(
                "logits",
                DataType.FLOAT32,
                subject.architecture() instanceof MlpArchitecture mlp
                    ? mlp.outputs()
                    : NODULE_CNN.classes()));
    server.deploy(
        new ModelDeployment(
            new ModelRef(subject.name(), version),
            ModelFramework.PYTORCH,
            signature,
            artifact,
            sha256(artifact),
            batching));
  }

  private static Path artifact(Path directory, Subject subject) throws IOException {
    Engine.getEngine("PyTorch").setRandomSeed(42);
    Path artifact = directory.resolve(subject.name() + ".zip");
    try (Model model = PyTorchArtifact.newModel(subject.name(), subject.architecture());
        OutputStream file = Files.newOutputStream(artifact)) {
      PyTorchArtifact.write(model, subject.architecture(), file);
    }
    return artifact;
  }

  private static List<List<Tensor>> mlpInputs() {
    Random random = new Random(1);
    List<List<Tensor>> inputs = new ArrayList<>();
    for (int i = 0; i < 1024; i++) {
      float[] features = new float[FINANCE_MLP.inputs()];
      for (int f = 0; f < features.length; f++) {
        features[f] = (float) random.nextGaussian();
      }
      inputs.add(List.of(Tensor.ofFloats(features, features.length)));
    }
    return inputs;
  }

  private static List<List<Tensor>> cnnInputs() {
    Random random = new Random(2);
    List<List<Tensor>> inputs = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      float[] voxels = new float[32 * 32 * 32];
      for (int v = 0; v < voxels.length; v++) {
        voxels[v] = random.nextFloat();
      }
      inputs.add(List.of(Tensor.ofFloats(voxels, 1, 32, 32, 32)));
    }
    return inputs;
  }

  private static void summarize(List<Row> rows, PrintStream out) {
    for (String model : rows.stream().map(Row::model).distinct().toList()) {
      List<Row> of = rows.stream().filter(row -> row.model().equals(model)).toList();
      Row singleSaturated = of.get(0);
      Row dynamicSaturated = of.get(1);
      Row singleOpen = of.get(2);
      Row dynamicOpen = of.get(3);
      double throughputRatio = dynamicSaturated.throughput() / singleSaturated.throughput();
      double p99Ratio = dynamicOpen.p99() / singleOpen.p99();
      out.printf(
          Locale.ROOT,
          "%s: dynamic batching gives %.2fx the saturated throughput of batch-1; at %.0f requests/s its p99 is"
              + " %.3f ms vs %.3f ms for batch-1 (%.2fx)%n",
          model,
          throughputRatio,
          singleOpen.offered(),
          dynamicOpen.p99(),
          singleOpen.p99(),
          p99Ratio);
      if (model.equals("finance-mlp")) {
        out.printf(
            "  target >= 3x throughput: %s; target p99 no worse than batch-1 at the same load: %s%n",
            throughputRatio >= 3 ? "MET" : "MISSED",
            dynamicOpen.p99() <= singleOpen.p99() ? "MET" : "MISSED");
      }
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private record Row(
      String model,
      String setting,
      String mode,
      double offered,
      double throughput,
      double p50,
      double p99,
      long failures,
      double meanBatch) {

    static final String HEADER =
        String.format(
            Locale.ROOT,
            "%-12s %-12s %-10s %10s %12s %9s %9s %8s %7s",
            "model",
            "setting",
            "load",
            "offered/s",
            "throughput/s",
            "p50 ms",
            "p99 ms",
            "failed",
            "batch");

    static Row of(
        String model,
        String setting,
        String mode,
        double offered,
        Latencies latencies,
        double seconds,
        double meanBatch) {
      return new Row(
          model,
          setting,
          mode,
          offered,
          latencies.answered() / seconds,
          latencies.percentileMillis(0.50),
          latencies.percentileMillis(0.99),
          latencies.failures(),
          meanBatch);
    }

    String format() {
      return String.format(
          Locale.ROOT,
          "%-12s %-12s %-10s %10s %12.0f %9.3f %9.3f %8d %7.1f",
          model,
          setting,
          mode,
          Double.isNaN(offered) ? "-" : String.format(Locale.ROOT, "%.0f", offered),
          throughput,
          p50,
          p99,
          failures,
          meanBatch);
    }
  }

  private record Options(
      int seconds, int rounds, double load, int workers, long maxDelayMicros, String only) {

    double totalSeconds() {
      return (double) seconds * rounds;
    }

    static Options parse(List<String> arguments) {
      int seconds = 3;
      int rounds = 3;
      double load = 0.7;
      int workers = 0;
      long maxDelayMicros = 0;
      String only = "all";
      for (int i = 0; i < arguments.size(); i++) {
        String value = i + 1 < arguments.size() ? arguments.get(i + 1) : "";
        switch (arguments.get(i)) {
          case "--seconds" -> seconds = Integer.parseInt(value);
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--load" -> load = Double.parseDouble(value);
          case "--workers" -> workers = Integer.parseInt(value);
          case "--max-delay-us" -> maxDelayMicros = Long.parseLong(value);
          case "--only" -> only = value;
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + arguments.get(i) + "\n" + OPTIONS);
        }
        i++;
      }
      return new Options(seconds, rounds, load, workers, maxDelayMicros, only);
    }
  }
}

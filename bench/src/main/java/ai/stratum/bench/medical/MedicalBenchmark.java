package ai.stratum.bench.medical;

import static ai.stratum.bench.BenchSupport.deleteRecursively;
import static ai.stratum.bench.BenchSupport.intOption;
import static ai.stratum.bench.BenchSupport.serviceArguments;

import ai.stratum.core.inference.serving.ModelServer;
import ai.stratum.core.service.StratumApplication;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.embedded.KafkaBroker;
import ai.stratum.embedded.PostgresServer;
import ai.stratum.medical.MedicalApplication;
import ai.stratum.medical.detection.Analysis;
import ai.stratum.medical.detection.DetectionProperties;
import ai.stratum.medical.detection.NoduleCnn;
import ai.stratum.medical.detection.NoduleDetector;
import ai.stratum.medical.imaging.SeriesCompletion;
import ai.stratum.medical.imaging.Slice;
import ai.stratum.medical.imaging.Volume;
import ai.stratum.medical.imaging.VolumeAssembler;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import ai.stratum.medical.report.ReportService;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.IngestResult;
import ai.stratum.medical.store.Source;
import ai.stratum.medical.store.StoredInstance;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.Ordered;

/**
 * Nodule detection as a hospital sees it: a 300-slice 512 x 512 chest CT series is stored, and the
 * clock runs from "series complete" (the benchmark triggers series completion itself instead of
 * waiting out the quiet period) until the TID 1500 SR is stored in the study. Everything is the
 * service's own path in one JVM: embedded PostgreSQL and Kafka, volume assembly, {@code
 * medical.studies}, the detection worker with the CNN served by the inference core, the report.
 *
 * <p>Stages: volume assembly (read the instances back, sort, rescale, resample to 1 mm, store the
 * volume, publish), hand-off (Kafka delivery to the worker, loading the volume, saving the
 * analysis), lung mask, candidates, CNN scoring with test-time augmentation, measurement and NMS,
 * SR build and store. Reference in the same run: the time to read the series' instances back from
 * the store and decode their pixels, the least any analysis of the series costs.
 */
public final class MedicalBenchmark {

  public static final String OPTIONS =
      """
      medical options:
        --studies N        measured studies, each a fresh phantom series (default 3)
        --slices N         slices of the 512 x 512 series (default 300)
        --single-core      also run the detector on one core (filters unparallelised) once
      """;

  private static final TenantId TENANT = TenantId.of("demo-hospital");

  private MedicalBenchmark() {}

  public static void run(List<String> arguments, PrintStream out) throws Exception {
    int studies = intOption(arguments, "--studies", 3);
    int slices = intOption(arguments, "--slices", 300);
    Path model = Path.of("models/medical/nodule-cnn/artifact.zip").toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      throw new IllegalStateException("run from the repository root: " + model + " is missing");
    }
    Path work = Files.createTempDirectory("stratum-bench-medical");
    out.printf(
        Locale.ROOT,
        "Medical benchmark on %d cores (load average %.2f at start): %d-slice 512 x 512 chest CT"
            + " phantoms, series complete -> SR stored (PostgreSQL, Kafka and medical in this"
            + " JVM)%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        slices);
    try (PostgresServer postgres =
            PostgresServer.builder().dataDirectory(work.resolve("postgres")).build().start();
        KafkaBroker kafka =
            KafkaBroker.builder().dataDirectory(work.resolve("kafka")).build().start();
        ConfigurableApplicationContext medical = startMedical(postgres, kafka, work, model)) {
      AtomicReference<Analysis> analysed = new AtomicReference<>();
      AtomicReference<Long> analysedAt = new AtomicReference<>();
      medical.addApplicationListener(new AnalysisClock(analysed, analysedAt));
      awaitModelServed(medical.getBean(ModelServer.class));

      Pipeline pipeline = new Pipeline(medical, model, analysed, analysedAt);
      // warm-up: JIT, connection pools, the model's first batches; not reported
      pipeline.study(slices, 5_000);

      List<Map<String, Double>> measured = new ArrayList<>();
      for (int study = 1; study <= studies; study++) {
        Map<String, Double> stages = pipeline.study(slices, 5_000 + study);
        measured.add(stages);
        out.printf(Locale.ROOT, "study %d: %s%n", study, format(stages));
      }
      Map<String, Double> median = new LinkedHashMap<>();
      for (String stage : measured.getFirst().keySet()) {
        median.put(
            stage,
            measured.stream()
                .map(m -> m.getOrDefault(stage, 0.0))
                .sorted()
                .toList()
                .get(studies / 2));
      }
      out.printf(Locale.ROOT, "%nMedian of %d studies, seconds:%n", studies);
      median.forEach(
          (stage, seconds) -> out.printf(Locale.ROOT, "  %-26s %7.2f%n", stage, seconds));
      double total = median.get(Pipeline.TOTAL);
      double read = median.get(Pipeline.READ_REFERENCE);
      out.printf(
          Locale.ROOT,
          "End to end %.2f s per study (target <= 20 s); %.1fx the time to read the series back"
              + " (%.2f s); %.1f CPU seconds in this JVM%n",
          total,
          total / read,
          read,
          median.get(Pipeline.CPU));
      if (arguments.contains("--single-core")) {
        pipeline.singleCoreComparison(slices, 5_001, out);
      }
      out.printf(
          Locale.ROOT,
          "load average at end %.2f%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      deleteRecursively(work);
    }
  }

  /** One study at a time through the service, with the clock read at each hand-over. */
  private record Pipeline(
      ConfigurableApplicationContext medical,
      Path model,
      AtomicReference<Analysis> analysed,
      AtomicReference<Long> analysedAt) {

    static final String TOTAL = "total";
    static final String READ_REFERENCE = "reference: read series";
    static final String CPU = "JVM CPU seconds (all threads)";

    Map<String, Double> study(int slices, long seed) throws Exception {
      PhantomSeries series =
          PhantomSeries.of(new PhantomSpec(512, slices, 1.25, 6, 18, seed, "BENCH-" + seed));
      DicomStore store = medical.getBean(DicomStore.class);
      series.forEachSlice((index, slice) -> {
        if (store.ingest(TENANT, slice, Source.LOCAL) instanceof IngestResult.Refused refused) {
          throw new IllegalStateException("phantom slice refused: " + refused.detail());
        }
      });
      analysed.set(null);
      analysedAt.set(null);
      ReportService reports = medical.getBean(ReportService.class);
      long cpuStarted = processCpuNanos();
      long started = System.nanoTime();
      int completed = medical.getBean(SeriesCompletion.class).completeQuietSeries();
      long assembled = System.nanoTime();
      if (completed < 1) {
        throw new IllegalStateException("the series was not completed");
      }
      long deadline = started + 600_000_000_000L;
      while (reports.ofStudy(TENANT, series.studyInstanceUid()).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("no report for study " + series.studyInstanceUid());
        }
        Thread.sleep(5);
      }
      long reported = System.nanoTime();
      long cpu = processCpuNanos() - cpuStarted;
      Analysis analysis = analysed.get();
      Long analysisTime = analysedAt.get();
      if (analysis == null || analysisTime == null || !analysis.analysed()) {
        throw new IllegalStateException("the study was not analysed: " + analysis);
      }
      Map<String, Double> worker = new LinkedHashMap<>(analysis.stageSeconds());
      double load = worker.getOrDefault("load", 0.0);
      worker.remove("load");
      double detection = worker.values().stream().mapToDouble(Double::doubleValue).sum();
      Map<String, Double> stages = new LinkedHashMap<>();
      stages.put("volume assembly", seconds(started, assembled));
      stages.put("hand-off (Kafka, load)", seconds(assembled, analysisTime) - detection);
      stages.put("volume load (of hand-off)", load);
      stages.putAll(worker);
      stages.put("SR build + store", seconds(analysisTime, reported));
      stages.put(TOTAL, seconds(started, reported));
      stages.put(CPU, cpu / 1e9);
      stages.put("findings", (double) analysis.findings().size());
      stages.put(READ_REFERENCE, readSeries(store, series));
      return stages;
    }

    /** Seconds to read every instance of the series back and decode its pixels. */
    private static double readSeries(DicomStore store, PhantomSeries series) throws Exception {
      long started = System.nanoTime();
      List<StoredInstance> instances =
          store.instances(TENANT, series.studyInstanceUid(), series.seriesInstanceUid());
      for (StoredInstance instance : instances) {
        Slice.from(store.read(instance));
      }
      return seconds(started, System.nanoTime());
    }

    /**
     * The detector (CNN through the PyTorch runtime directly) on all cores and then in a one-thread
     * pool, on the same volume after one warm-up run.
     */
    void singleCoreComparison(int slices, long seed, PrintStream out) throws Exception {
      PhantomSeries series =
          PhantomSeries.of(new PhantomSpec(512, slices, 1.25, 6, 18, seed, "BENCH-" + seed));
      List<Slice> sliceList = new ArrayList<>();
      for (int i = 0; i < slices; i++) {
        sliceList.add(Slice.from(series.slice(i)));
      }
      Volume volume = new VolumeAssembler(1.0).assemble(sliceList);
      try (NoduleCnn cnn = new NoduleCnn(model, 1)) {
        compare(new NoduleDetector(DetectionProperties.defaults(), cnn), volume, out);
      }
    }

    private static void compare(NoduleDetector detector, Volume volume, PrintStream out)
        throws Exception {
      detector.detect(volume);
      long started = System.nanoTime();
      NoduleDetector.Detection parallel = detector.detect(volume);
      double all = seconds(started, System.nanoTime());
      ForkJoinPool one = new ForkJoinPool(1);
      try {
        started = System.nanoTime();
        NoduleDetector.Detection single = one.submit(() -> detector.detect(volume)).get();
        double oneCore = seconds(started, System.nanoTime());
        out.printf(
            Locale.ROOT,
            "Detector on %d cores %.2f s %s; filters on one core %.2f s %s: %.2fx%n",
            Runtime.getRuntime().availableProcessors(),
            all,
            format(parallel.stageSeconds()),
            oneCore,
            format(single.stageSeconds()),
            oneCore / all);
      } finally {
        one.shutdown();
      }
    }
  }

  /**
   * Notes when the worker publishes an analysis, before the report listener (which builds and
   * stores the SR in the same call) runs.
   */
  private record AnalysisClock(AtomicReference<Analysis> analysed, AtomicReference<Long> at)
      implements ApplicationListener<PayloadApplicationEvent<Analysis>>, Ordered {

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<Analysis> event) {
      at.set(System.nanoTime());
      analysed.set(event.getPayload());
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  private static ConfigurableApplicationContext startMedical(
      PostgresServer postgres, KafkaBroker kafka, Path work, Path model) {
    List<String> arguments =
        new ArrayList<>(serviceArguments(postgres, kafka, work.resolve("storage")));
    arguments.addAll(
        List.of(
            "--stratum.medical.dimse.enabled=false",
            // the benchmark declares the series complete itself: no scheduler, no quiet period
            "--stratum.medical.volumes.enabled=false",
            "--stratum.medical.volumes.quiet-period=0s",
            "--stratum.medical.detection.model-artifact=" + model));
    return StratumApplication.run(MedicalApplication.class, arguments.toArray(String[]::new));
  }

  private static void awaitModelServed(ModelServer models) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (models.served(NoduleCnn.MODEL_NAME).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the nodule CNN was not served within 2 minutes");
      }
      Thread.sleep(50);
    }
  }

  private static String format(Map<String, Double> stages) {
    StringBuilder text = new StringBuilder();
    stages.forEach((stage, seconds) ->
        text.append(text.isEmpty() ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.2f", stage, seconds)));
    return text.toString();
  }

  /** CPU time of this JVM (Kafka broker included; PostgreSQL runs in its own processes). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }
}

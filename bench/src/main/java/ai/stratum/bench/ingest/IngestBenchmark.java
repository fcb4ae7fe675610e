package ai.stratum.bench.ingest;

import static ai.stratum.bench.BenchSupport.deleteRecursively;
import static ai.stratum.bench.BenchSupport.intOption;
import static ai.stratum.bench.BenchSupport.serviceArguments;

import ai.stratum.core.service.StratumApplication;
import ai.stratum.embedded.KafkaBroker;
import ai.stratum.embedded.PostgresServer;
import ai.stratum.medical.MedicalApplication;
import ai.stratum.medical.dicomweb.StowBody;
import ai.stratum.medical.dimse.DimseReceiver;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A CT series sent by DCMTK's {@code storescu} to DCMTK's {@code storescp} (which only writes the
 * files) and to the medical service's SCP (which validates, re-encodes canonically, stores by
 * content hash and indexes in PostgreSQL), in the same run on the same disk; then the same kind of
 * series as one STOW-RS request. Each round uses a fresh series so nothing is a duplicate.
 */
public final class IngestBenchmark {

  public static final String OPTIONS =
      """
      ingest options:
        --slices N         slices of the 512 x 512 phantom series (default 300)
        --rounds R         measured rounds, each with a fresh series (default 3)
      """;

  private static final String TENANT = "demo-hospital";
  private static final String CALLING_AE = "STRATUM-BENCH";

  private IngestBenchmark() {}

  public static void run(List<String> arguments, PrintStream out) throws Exception {
    int slices = intOption(arguments, "--slices", 300);
    int rounds = intOption(arguments, "--rounds", 3);
    requireDcmtk();
    Path work = Files.createTempDirectory("stratum-bench-ingest");
    out.printf(
        "Ingest benchmark on %d cores: %d-slice 512 x 512 CT phantom series (PostgreSQL, Kafka and"
            + " medical in this JVM)%n",
        Runtime.getRuntime().availableProcessors(), slices);
    try (PostgresServer postgres =
            PostgresServer.builder().dataDirectory(work.resolve("postgres")).build().start();
        KafkaBroker kafka =
            KafkaBroker.builder().dataDirectory(work.resolve("kafka")).build().start();
        ConfigurableApplicationContext medical = startMedical(postgres, kafka, work);
        StoreScp storescp = StoreScp.start(work.resolve("storescp"))) {
      int stratumPort = medical.getBean(DimseReceiver.class).port();
      int httpPort = ((WebServerApplicationContext) medical).getWebServer().getPort();

      // warm-up: JIT, connection pools, first-write paths of both receivers; not reported
      Path warmUp = phantom(work, "warm-up", 20, 1_000);
      storescu(storescp.port(), "STORESCP", warmUp);
      storescu(stratumPort, "STRATUM", warmUp);

      out.printf(
          "%n%-7s %14s %14s %14s %8s%n",
          "round", "storescp i/s", "Stratum i/s", "Stratum MB/s", "ratio");
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        Path series = phantom(work, "round-" + round, slices, 2_000 + round);
        long bytes = sizeOf(series);
        double reference = slices / storescu(storescp.port(), "STORESCP", series);
        double stratumSeconds = storescu(stratumPort, "STRATUM", series);
        double stratum = slices / stratumSeconds;
        ratios.add(stratum / reference);
        out.printf(
            "%-7d %14.1f %14.1f %14.1f %7.2fx%n",
            round, reference, stratum, bytes / 1e6 / stratumSeconds, stratum / reference);
        deleteRecursively(series);
      }
      double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
      out.printf("C-STORE: median ratio Stratum / storescp %.2fx (target >= 0.80x)%n", median);

      Path stowSeries = phantom(work, "stow", slices, 3_000);
      stow(httpPort, stowSeries, out);
    } finally {
      deleteRecursively(work);
    }
  }

  private static ConfigurableApplicationContext startMedical(
      PostgresServer postgres, KafkaBroker kafka, Path work) {
    List<String> arguments =
        new ArrayList<>(serviceArguments(postgres, kafka, work.resolve("storage")));
    arguments.add("--stratum.medical.dimse.port=0");
    // ingest alone: volume assembly and detection would start after the quiet period and compete
    // for the two cores with the next round
    arguments.add("--stratum.medical.volumes.enabled=false");
    return StratumApplication.run(MedicalApplication.class, arguments.toArray(String[]::new));
  }

  private static Path phantom(Path work, String name, int slices, long seed) throws IOException {
    Path directory = work.resolve("series").resolve(name);
    PhantomSeries.of(new PhantomSpec(512, slices, 1.25, 6, 18, seed, "BENCH-" + seed))
        .writeTo(directory);
    Files.delete(directory.resolve(PhantomSeries.GROUND_TRUTH_FILE));
    return directory;
  }

  /** Seconds {@code storescu} takes to send every file of the directory in one association. */
  private static double storescu(int port, String calledAe, Path series) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("storescu", "-aec", calledAe, "-aet", CALLING_AE));
    command.addAll(List.of("localhost", Integer.toString(port)));
    command.addAll(dicomFiles(series).stream().map(Path::toString).toList());
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exit != 0 || output.contains("E:")) {
      throw new IllegalStateException("storescu to " + calledAe + " failed:\n" + output);
    }
    return seconds;
  }

  private static void stow(int httpPort, Path series, PrintStream out) throws Exception {
    List<Path> files = dicomFiles(series);
    List<byte[]> instances = new ArrayList<>(files.size());
    for (Path file : files) {
      instances.add(Files.readAllBytes(file));
    }
    StowBody body = StowBody.of(instances);
    byte[] payload = body.bytes();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/dicomweb/studies"))
            .header("Content-Type", body.contentType())
            .header("Accept", "application/dicom+json")
            .header("X-Stratum-Tenant", TENANT)
            .timeout(Duration.ofMinutes(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      long started = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      double seconds = (System.nanoTime() - started) / 1e9;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "STOW-RS answered " + response.statusCode() + ": " + response.body());
      }
      out.printf(
          "STOW-RS: one request of %d instances, %.1f MB in %.2f s: %.1f MB/s, %.1f instances/s%n",
          files.size(),
          payload.length / 1e6,
          seconds,
          payload.length / 1e6 / seconds,
          files.size() / seconds);
    }
  }

  private static List<Path> dicomFiles(Path series) throws IOException {
    try (Stream<Path> files = Files.list(series)) {
      return files.filter(file -> file.toString().endsWith(".dcm")).sorted().toList();
    }
  }

  private static long sizeOf(Path series) throws IOException {
    long total = 0;
    for (Path file : dicomFiles(series)) {
      total += Files.size(file);
    }
    return total;
  }

  private static void requireDcmtk() {
    for (String tool : List.of("storescu", "storescp")) {
      if (Stream.of(System.getenv("PATH").split(":"))
          .noneMatch(dir -> Files.isExecutable(Path.of(dir, tool)))) {
        throw new IllegalStateException(
            tool + " not found on PATH; install DCMTK (Debian package dcmtk)");
      }
    }
  }

  /** DCMTK's {@code storescp} writing what it receives under a directory, until closed. */
  private record StoreScp(Process process, int port) implements AutoCloseable {

    static StoreScp start(Path directory) throws Exception {
      Files.createDirectories(directory);
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      Process process =
          new ProcessBuilder(
                  "storescp",
                  "-aet",
                  "STORESCP",
                  "-od",
                  directory.toString(),
                  Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (true) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("localhost", port), 200);
          return new StoreScp(process, port);
        } catch (IOException notYet) {
          if (!process.isAlive() || System.nanoTime() > deadline) {
            process.destroyForcibly();
            throw new IllegalStateException("storescp did not start on port " + port, notYet);
          }
          Thread.sleep(50);
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor();
    }
  }
}

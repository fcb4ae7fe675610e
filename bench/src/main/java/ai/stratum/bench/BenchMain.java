package ai.stratum.bench;

import ai.stratum.bench.finance.FinanceBenchmark;
import ai.stratum.bench.inference.InferenceBenchmark;
import ai.stratum.bench.ingest.IngestBenchmark;
import ai.stratum.bench.medical.MedicalBenchmark;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmark jar: the first argument names the benchmark, the rest are its
 * options.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    List<String> options = Arrays.asList(args).subList(1, args.length);
    switch (args[0]) {
      case "inference" -> InferenceBenchmark.run(options, System.out);
      case "finance" -> FinanceBenchmark.run(options, System.out);
      case "ingest" -> IngestBenchmark.run(options, System.out);
      case "medical" -> MedicalBenchmark.run(options, System.out);
      case "help", "--help", "-h" -> usage();
      default -> {
        System.err.println("unknown benchmark '" + args[0] + "'");
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.err.println(
        """
        Usage: java -jar bench-<version>-exec.jar <benchmark> [options]

        Benchmarks:
          inference   dynamic batching versus batch-1 serving for the finance MLP and a small 3D CNN
          finance     scoring stream through Kafka end to end, pass-through ceiling, latency, model quality
          ingest      DICOM C-STORE into medical beside DCMTK's storescp, and STOW-RS throughput
          medical     nodule detection end to end per 300-slice CT study, by stage
        """
            + InferenceBenchmark.OPTIONS
            + FinanceBenchmark.OPTIONS
            + IngestBenchmark.OPTIONS
            + MedicalBenchmark.OPTIONS);
  }
}

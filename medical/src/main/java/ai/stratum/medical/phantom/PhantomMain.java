package ai.stratum.medical.phantom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes phantom series as DICOM files, for {@code ./stratum demo medical} and benchmarks.
 *
 * <pre>
 * java -cp medical.jar ai.stratum.medical.phantom.PhantomMain OUT_DIR [STUDIES] [SLICES] [MATRIX]
 * </pre>
 *
 * Each study goes to {@code OUT_DIR/study-<n>/} with its {@value PhantomSeries#GROUND_TRUTH_FILE}.
 */
public final class PhantomMain {

  private PhantomMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: PhantomMain OUT_DIR [STUDIES=1] [SLICES=300] [MATRIX=512]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int studies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int slices = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    int matrix = args.length > 3 ? Integer.parseInt(args[3]) : 512;
    for (int study = 1; study <= studies; study++) {
      PhantomSpec spec = new PhantomSpec(matrix, slices, 1.25, 6, 18, study, "PHANTOM-" + study);
      Path directory = out.resolve("study-" + study);
      PhantomSeries.of(spec).writeTo(directory);
      System.out.println(directory);
    }
  }
}

package ai.stratum.medical.phantom;

/**
 * What synthetic chest CT series to make. Anatomy is laid out in millimetres over a 360 mm field of
 * view, so a small matrix (64 x 64 for tests) shows the same chest at a coarser pixel size.
 *
 * @param matrix rows and columns (512 for a realistic series)
 * @param slices number of axial slices
 * @param sliceSpacingMm distance between slice centres (1 to 2.5 mm for CT)
 * @param nodules how many lung nodules to place
 * @param noiseHu standard deviation of the scanner-like noise added after blurring
 * @param seed everything (anatomy jitter, nodules, noise, UIDs) follows from it
 * @param patientId also names the patient
 * @param mix which kinds of nodules
 */
public record PhantomSpec(
    int matrix,
    int slices,
    double sliceSpacingMm,
    int nodules,
    double noiseHu,
    long seed,
    String patientId,
    NoduleMix mix) {

  public static final double FIELD_OF_VIEW_MM = 360.0;

  public PhantomSpec {
    if (matrix < 16 || matrix > 1024) {
      throw new IllegalArgumentException("matrix must be 16..1024, got " + matrix);
    }
    if (slices < 1 || slices > 2000) {
      throw new IllegalArgumentException("slices must be 1..2000, got " + slices);
    }
    if (sliceSpacingMm <= 0 || sliceSpacingMm > 10) {
      throw new IllegalArgumentException("slice spacing must be in (0, 10] mm");
    }
    if (nodules < 0 || noiseHu < 0) {
      throw new IllegalArgumentException("nodules and noise must not be negative");
    }
    if (mix == null) {
      throw new IllegalArgumentException("mix is required");
    }
  }

  /** The standard nodule mix. */
  public PhantomSpec(
      int matrix,
      int slices,
      double sliceSpacingMm,
      int nodules,
      double noiseHu,
      long seed,
      String patientId) {
    this(matrix, slices, sliceSpacingMm, nodules, noiseHu, seed, patientId, NoduleMix.STANDARD);
  }

  /** A realistic series: 512 x 512, {@code slices} slices of 1.25 mm, 6 nodules. */
  public static PhantomSpec chest(int slices, long seed) {
    return new PhantomSpec(512, slices, 1.25, 6, 18, seed, "PHANTOM-" + seed);
  }

  /** A small series for tests: 64 x 64, 20 slices of 2.5 mm, 3 nodules. */
  public static PhantomSpec small(long seed) {
    return new PhantomSpec(64, 20, 2.5, 3, 10, seed, "PHANTOM-" + seed);
  }

  public double pixelSpacingMm() {
    return FIELD_OF_VIEW_MM / matrix;
  }
}

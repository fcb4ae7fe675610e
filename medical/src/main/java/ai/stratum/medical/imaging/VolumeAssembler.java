package ai.stratum.medical.imaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a volume from the slices of a series: sorts them by position along the slice normal
 * (ImageOrientationPatient row x column), derives the slice spacing from the positions, refuses
 * gaps, duplicates and inconsistent geometry, then resamples trilinearly to isotropic voxels.
 */
public final class VolumeAssembler {

  private static final double ORIENTATION_TOLERANCE = 1e-4;
  private static final double POSITION_TOLERANCE_MM = 0.01;
  private static final double SPACING_TOLERANCE = 0.2;

  private final double isotropicSpacingMm;

  /**
   * @param isotropicSpacingMm voxel size of the result; 0 keeps the native grid
   */
  public VolumeAssembler(double isotropicSpacingMm) {
    if (isotropicSpacingMm < 0) {
      throw new IllegalArgumentException("spacing must not be negative");
    }
    this.isotropicSpacingMm = isotropicSpacingMm;
  }

  public Volume assemble(List<Slice> slices) throws VolumeRejectedException {
    Volume stack = stack(slices);
    return isotropicSpacingMm == 0 ? stack : resample(stack, isotropicSpacingMm);
  }

  /** The slices in order along the normal, on their native grid. */
  public static Volume stack(List<Slice> slices) throws VolumeRejectedException {
    if (slices.size() < 2) {
      throw new VolumeRejectedException(
          "A volume needs at least 2 slices; the series has " + slices.size() + ".");
    }
    List<Slice> sorted = order(slices);
    Slice first = sorted.getFirst();
    double[] row = normalize(Arrays.copyOfRange(first.orientation(), 0, 3));
    double[] column = normalize(Arrays.copyOfRange(first.orientation(), 3, 6));
    double[] normal = cross(row, column);
    int plane = first.rows() * first.columns();
    short[] voxels = new short[plane * sorted.size()];
    for (int k = 0; k < sorted.size(); k++) {
      System.arraycopy(sorted.get(k).hounsfield(), 0, voxels, k * plane, plane);
    }
    double extent =
        dot(subtract(sorted.getLast().position(), sorted.getFirst().position()), normal);
    double meanSpacing = extent / (sorted.size() - 1);
    return new Volume(
        first.columns(),
        first.rows(),
        sorted.size(),
        new double[] {first.pixelSpacing()[1], first.pixelSpacing()[0], meanSpacing},
        sorted.getFirst().position().clone(),
        row,
        column,
        normal,
        voxels);
  }

  /**
   * The planes sorted along their normal, after checking they make one regular stack: the same
   * size, orientation and pixel spacing, no two at one position, no shift within the plane, and
   * evenly spaced (no gap).
   *
   * @throws VolumeRejectedException naming the planes that break the stack
   */
  public static <P extends Plane> List<P> order(List<P> planes) throws VolumeRejectedException {
    if (planes.isEmpty()) {
      return List.of();
    }
    P first = planes.getFirst();
    double[] row = normalize(Arrays.copyOfRange(first.orientation(), 0, 3));
    double[] column = normalize(Arrays.copyOfRange(first.orientation(), 3, 6));
    if (Math.abs(dot(row, column)) > 1e-3) {
      throw new VolumeRejectedException("Image Orientation (Patient) is not orthogonal.");
    }
    double[] normal = cross(row, column);
    for (P plane : planes) {
      if (plane.rows() != first.rows() || plane.columns() != first.columns()) {
        throw new VolumeRejectedException(
            "Inconsistent geometry: "
                + plane.label()
                + " is "
                + plane.columns()
                + "x"
                + plane.rows()
                + ", others "
                + first.columns()
                + "x"
                + first.rows()
                + ".");
      }
      for (int a = 0; a < 6; a++) {
        if (Math.abs(plane.orientation()[a] - first.orientation()[a]) > ORIENTATION_TOLERANCE) {
          throw new VolumeRejectedException(
              "Inconsistent geometry: "
                  + plane.label()
                  + " has another Image Orientation (Patient).");
        }
      }
      for (int a = 0; a < 2; a++) {
        if (Math.abs(plane.pixelSpacing()[a] - first.pixelSpacing()[a]) > 1e-4) {
          throw new VolumeRejectedException(
              "Inconsistent geometry: " + plane.label() + " has another Pixel Spacing.");
        }
      }
    }
    List<P> sorted = new ArrayList<>(planes);
    sorted.sort(Comparator.comparingDouble(plane -> dot(plane.position(), normal)));
    if (sorted.size() < 2) {
      return sorted;
    }
    double[] distances = new double[sorted.size() - 1];
    for (int k = 1; k < sorted.size(); k++) {
      P previous = sorted.get(k - 1);
      P current = sorted.get(k);
      double[] step = subtract(current.position(), previous.position());
      distances[k - 1] = dot(step, normal);
      if (distances[k - 1] < POSITION_TOLERANCE_MM) {
        throw new VolumeRejectedException(
            capitalized(previous.label())
                + " and "
                + current.label()
                + " are at the same position.");
      }
      if (Math.abs(dot(step, row)) > POSITION_TOLERANCE_MM
          || Math.abs(dot(step, column)) > POSITION_TOLERANCE_MM) {
        throw new VolumeRejectedException(
            "Inconsistent geometry: "
                + current.label()
                + " is shifted within its plane (gantry tilt or mixed series).");
      }
    }
    double spacing = median(distances);
    for (int k = 0; k < distances.length; k++) {
      if (Math.abs(distances[k] - spacing) > SPACING_TOLERANCE * spacing) {
        throw new VolumeRejectedException(
            String.format(
                "Gap in the series: %.3f mm between %s and %s where slices are %.3f mm apart.",
                distances[k], sorted.get(k).label(), sorted.get(k + 1).label(), spacing));
      }
    }
    return sorted;
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** Trilinear resampling to cubic voxels of {@code spacing} mm over the same extent. */
  public static Volume resample(Volume source, double spacing) {
    int columns = samples(source.columns(), source.spacing()[0], spacing);
    int rows = samples(source.rows(), source.spacing()[1], spacing);
    int slices = samples(source.slices(), source.spacing()[2], spacing);
    int[] i0 = new int[columns];
    float[] fi = new float[columns];
    axis(columns, source.columns(), spacing / source.spacing()[0], i0, fi);
    int[] j0 = new int[rows];
    float[] fj = new float[rows];
    axis(rows, source.rows(), spacing / source.spacing()[1], j0, fj);
    int[] k0 = new int[slices];
    float[] fk = new float[slices];
    axis(slices, source.slices(), spacing / source.spacing()[2], k0, fk);
    short[] in = source.hounsfield();
    int sourceColumns = source.columns();
    int sourcePlane = source.columns() * source.rows();
    short[] out = new short[columns * rows * slices];
    for (int k = 0; k < slices; k++) {
      int k1 = Math.min(k0[k] + 1, source.slices() - 1);
      for (int j = 0; j < rows; j++) {
        int j1 = Math.min(j0[j] + 1, source.rows() - 1);
        int base00 = k0[k] * sourcePlane + j0[j] * sourceColumns;
        int base01 = k0[k] * sourcePlane + j1 * sourceColumns;
        int base10 = k1 * sourcePlane + j0[j] * sourceColumns;
        int base11 = k1 * sourcePlane + j1 * sourceColumns;
        int target = (k * rows + j) * columns;
        for (int i = 0; i < columns; i++) {
          int a = i0[i];
          int b = Math.min(a + 1, sourceColumns - 1);
          float x = fi[i];
          float c00 = in[base00 + a] + (in[base00 + b] - in[base00 + a]) * x;
          float c01 = in[base01 + a] + (in[base01 + b] - in[base01 + a]) * x;
          float c10 = in[base10 + a] + (in[base10 + b] - in[base10 + a]) * x;
          float c11 = in[base11 + a] + (in[base11 + b] - in[base11 + a]) * x;
          float c0 = c00 + (c01 - c00) * fj[j];
          float c1 = c10 + (c11 - c10) * fj[j];
          out[target + i] = (short) Math.round(c0 + (c1 - c0) * fk[k]);
        }
      }
    }
    return new Volume(
        columns,
        rows,
        slices,
        new double[] {spacing, spacing, spacing},
        source.origin().clone(),
        source.rowDirection().clone(),
        source.columnDirection().clone(),
        source.sliceDirection().clone(),
        out);
  }

  private static int samples(int count, double sourceSpacing, double spacing) {
    return (int) Math.floor((count - 1) * sourceSpacing / spacing + 1e-6) + 1;
  }

  private static void axis(int count, int sourceCount, double step, int[] index, float[] fraction) {
    for (int n = 0; n < count; n++) {
      double position = Math.min(n * step, sourceCount - 1);
      index[n] = (int) Math.floor(position);
      fraction[n] = (float) (position - index[n]);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double[] normalize(double[] v) {
    double length = Math.sqrt(dot(v, v));
    return new double[] {v[0] / length, v[1] / length, v[2] / length};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static double[] subtract(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }
}

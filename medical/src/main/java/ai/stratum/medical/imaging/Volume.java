package ai.stratum.medical.imaging;

/**
 * A 3D grid of Hounsfield units in patient space. Voxel {@code (i, j, k)} (column, row, slice) is
 * at {@code origin + i*spacing[0]*rowDirection + j*spacing[1]*columnDirection +
 * k*spacing[2]*sliceDirection}, and {@code hounsfield[(k*rows + j)*columns + i]}.
 */
public record Volume(
    int columns,
    int rows,
    int slices,
    double[] spacing,
    double[] origin,
    double[] rowDirection,
    double[] columnDirection,
    double[] sliceDirection,
    short[] hounsfield) {

  public Volume {
    if ((long) columns * rows * slices != hounsfield.length) {
      throw new IllegalArgumentException("voxel count does not match the dimensions");
    }
  }

  public short at(int column, int row, int slice) {
    return hounsfield[(slice * rows + row) * columns + column];
  }

  /** Patient coordinates (mm) of a voxel centre. */
  public double[] position(double column, double row, double slice) {
    double[] p = new double[3];
    for (int a = 0; a < 3; a++) {
      p[a] =
          origin[a]
              + column * spacing[0] * rowDirection[a]
              + row * spacing[1] * columnDirection[a]
              + slice * spacing[2] * sliceDirection[a];
    }
    return p;
  }
}

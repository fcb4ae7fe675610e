package ai.stratum.medical.imaging;

/** Where one image plane - a single-frame slice or one frame of a multi-frame image - lies. */
public interface Plane {

  /** Names the plane in refusal reasons: "instance X" or "frame n of instance X". */
  String label();

  /** Image Position (Patient): centre of the first pixel, mm. */
  double[] position();

  /** Image Orientation (Patient): row direction then column direction cosines. */
  double[] orientation();

  /** Row spacing (between rows) then column spacing, mm. */
  double[] pixelSpacing();

  int rows();

  int columns();
}

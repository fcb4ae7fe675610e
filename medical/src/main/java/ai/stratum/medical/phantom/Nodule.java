package ai.stratum.medical.phantom;

/**
 * Ground truth for one synthetic nodule, in patient coordinates (LPS, millimetres).
 *
 * @param touchesPleura whether the nodule abuts the lung wall (juxtapleural)
 * @param hounsfield mean density (ground-glass -600 to -300, solid about 45)
 */
public record Nodule(
    double centerX,
    double centerY,
    double centerZ,
    double diameterMm,
    NoduleType type,
    boolean touchesPleura,
    double hounsfield) {

  public double radiusMm() {
    return diameterMm / 2;
  }
}

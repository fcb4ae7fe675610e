package ai.stratum.medical.phantom;

/**
 * Ground truth for one synthetic nodule, in patient coordinates (LPS, millimetres).
 *
 * @param touchesPleura whether the nodule abuts the lung wall (juxtapleural)
 */
public record Nodule(
    double centerX,
    double centerY,
    double centerZ,
    double diameterMm,
    NoduleType type,
    boolean touchesPleura) {

  public double radiusMm() {
    return diameterMm / 2;
  }
}

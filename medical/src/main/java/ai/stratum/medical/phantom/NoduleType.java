package ai.stratum.medical.phantom;

/** Solid nodules are about soft-tissue density; ground-glass ones about -600 HU. */
public enum NoduleType {
  SOLID(45),
  GROUND_GLASS(-600);

  private final int hounsfield;

  NoduleType(int hounsfield) {
    this.hounsfield = hounsfield;
  }

  public int hounsfield() {
    return hounsfield;
  }
}

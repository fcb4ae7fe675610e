package ai.stratum.medical.detection;

/** Nodule density class: solid (soft tissue) or ground-glass (hazy, lung still visible through). */
public enum Attenuation {
  SOLID,
  GROUND_GLASS
}

package ai.stratum.medical.phantom;

/**
 * Which nodules a phantom gets. {@link #STANDARD}: 3-30 mm (log-uniform), one in three ground-glass
 * at -600 HU, one in four against the pleura. {@link #HARD}: only the cases detectors miss, in
 * turn: small solid nodules of 3-5 mm, juxtapleural solid nodules of 4-20 mm, ground-glass nodules
 * of 5-20 mm at -600 to -300 HU, and small juxtapleural nodules of 3-5 mm.
 */
public enum NoduleMix {
  STANDARD,
  HARD
}

package ai.stratum.medical.detection;

import java.util.List;

/**
 * Scores candidate patches: each is {@link #SIDE}³ voxels (x fastest) of HU mapped from [-1000,
 * 400] to [0, 1], centred on the candidate and scaled to three times its diameter (at least 20 mm),
 * so nodules of every size look alike. Returns one nodule probability per patch.
 */
@FunctionalInterface
public interface PatchClassifier {

  int SIDE = 24;

  float[] probabilities(List<float[]> patches);
}

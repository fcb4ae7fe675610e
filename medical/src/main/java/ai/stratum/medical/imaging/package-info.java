/**
 * Series completion and 3D volumes: when a series has been quiet for a while, its slices are sorted
 * along the slice normal, checked for gaps and inconsistent geometry, rescaled to Hounsfield units
 * and resampled to isotropic voxels; {@code medical.studies} announces the result.
 */
@NullMarked
package ai.stratum.medical.imaging;

import org.jspecify.annotations.NullMarked;

/** Detection internals: voxel filters, lung mask, blob detection, the worker and persistence. */
@NullMarked
package ai.stratum.medical.detection.internal;

import org.jspecify.annotations.NullMarked;

/** Training of the nodule CNN on phantom candidate patches ({@code ./stratum train medical}). */
@NullMarked
package ai.stratum.medical.detection.training;

import org.jspecify.annotations.NullMarked;

/**
 * Synthetic chest CT series with lung nodules and their ground truth, written as real DICOM: for
 * demos, tests and benchmarks where no patient data may be used.
 */
@NullMarked
package ai.stratum.medical.phantom;

import org.jspecify.annotations.NullMarked;

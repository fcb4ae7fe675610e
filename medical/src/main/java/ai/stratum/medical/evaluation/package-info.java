/** Detector evaluation on held-out phantoms: FROC and CPM by the LUNA16 rules. */
@NullMarked
package ai.stratum.medical.evaluation;

import org.jspecify.annotations.NullMarked;

/**
 * Fraud probability and reason codes: a gradient-boosted trees model and an MLP, both served by the
 * platform inference core, combined by a fitted logistic calibrator; reasons come from exact
 * TreeSHAP over the trees.
 */
@NullMarked
package ai.stratum.finance.scoring;

import org.jspecify.annotations.NullMarked;

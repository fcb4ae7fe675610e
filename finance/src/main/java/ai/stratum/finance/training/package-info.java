/**
 * Trains the finance models in Java on simulated, labelled data ({@code ./stratum train finance}):
 * XGBoost trees and a DJL MLP, a logistic calibrator over both, evaluated on a held-out week
 * through the same serving path the stream uses.
 */
@NullMarked
package ai.stratum.finance.training;

import org.jspecify.annotations.NullMarked;

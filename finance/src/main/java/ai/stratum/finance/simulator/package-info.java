/**
 * A deterministic, labelled stream of card transactions with injected fraud: card testing, account
 * takeover, impossible travel, merchant collusion and bust-out. Used to train and evaluate the
 * models, by the benchmark and by {@code ./stratum demo finance}.
 */
@NullMarked
package ai.stratum.finance.simulator;

import org.jspecify.annotations.NullMarked;

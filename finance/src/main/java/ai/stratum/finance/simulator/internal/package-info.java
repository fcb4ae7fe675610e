@NullMarked
package ai.stratum.finance.simulator.internal;

import org.jspecify.annotations.NullMarked;

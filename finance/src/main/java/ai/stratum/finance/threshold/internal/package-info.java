@NullMarked
package ai.stratum.finance.threshold.internal;

import org.jspecify.annotations.NullMarked;

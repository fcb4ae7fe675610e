@NullMarked
package ai.stratum.finance.training.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.finance.scoring.internal;

import org.jspecify.annotations.NullMarked;

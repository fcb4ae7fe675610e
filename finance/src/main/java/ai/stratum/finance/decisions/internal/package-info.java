@NullMarked
package ai.stratum.finance.decisions.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.finance.live.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.finance.contract.internal;

import org.jspecify.annotations.NullMarked;

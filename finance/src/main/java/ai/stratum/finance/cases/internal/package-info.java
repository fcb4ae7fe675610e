@NullMarked
package ai.stratum.finance.cases.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.finance.stream.internal;

import org.jspecify.annotations.NullMarked;

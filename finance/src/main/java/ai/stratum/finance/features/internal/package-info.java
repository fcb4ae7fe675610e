@NullMarked
package ai.stratum.finance.features.internal;

import org.jspecify.annotations.NullMarked;

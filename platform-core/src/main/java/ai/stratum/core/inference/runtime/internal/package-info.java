@NullMarked
package ai.stratum.core.inference.runtime.internal;

import org.jspecify.annotations.NullMarked;

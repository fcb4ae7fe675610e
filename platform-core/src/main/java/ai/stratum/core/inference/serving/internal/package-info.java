@NullMarked
package ai.stratum.core.inference.serving.internal;

import org.jspecify.annotations.NullMarked;

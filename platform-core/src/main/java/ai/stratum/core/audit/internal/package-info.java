@NullMarked
package ai.stratum.core.audit.internal;

import org.jspecify.annotations.NullMarked;

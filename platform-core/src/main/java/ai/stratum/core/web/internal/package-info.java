@NullMarked
package ai.stratum.core.web.internal;

import org.jspecify.annotations.NullMarked;

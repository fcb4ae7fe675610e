@NullMarked
package ai.stratum.core.storage.internal;

import org.jspecify.annotations.NullMarked;

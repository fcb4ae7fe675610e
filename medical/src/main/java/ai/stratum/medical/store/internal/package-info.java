@NullMarked
package ai.stratum.medical.store.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.medical.deid.internal;

import org.jspecify.annotations.NullMarked;

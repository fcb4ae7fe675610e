@NullMarked
package ai.stratum.medical.imaging.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.medical.phantom.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.medical.dicomweb.internal;

import org.jspecify.annotations.NullMarked;

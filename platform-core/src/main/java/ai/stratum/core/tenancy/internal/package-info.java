@NullMarked
package ai.stratum.core.tenancy.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package ai.stratum.gateway.tenancy.internal;

import org.jspecify.annotations.NullMarked;

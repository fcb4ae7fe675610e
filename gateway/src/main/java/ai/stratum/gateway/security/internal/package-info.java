@NullMarked
package ai.stratum.gateway.security.internal;

import org.jspecify.annotations.NullMarked;

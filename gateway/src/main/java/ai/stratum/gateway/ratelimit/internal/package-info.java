@NullMarked
package ai.stratum.gateway.ratelimit.internal;

import org.jspecify.annotations.NullMarked;

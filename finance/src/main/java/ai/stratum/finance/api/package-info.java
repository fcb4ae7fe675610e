/**
 * The finance REST API under {@code /api/finance}: synchronous scoring on the stream's code path,
 * decision lookup, label intake, the analysts' case list, the thresholds with their audit trail,
 * and the live statistics of the console's finance view. The tenant comes from the tenant header,
 * never from a body.
 */
@NullMarked
package ai.stratum.finance.api;

import org.jspecify.annotations.NullMarked;

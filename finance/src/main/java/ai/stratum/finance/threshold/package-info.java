/**
 * REVIEW and DECLINE thresholds per tenant that follow the score distribution so the share of
 * alerts stays within the tenant's budget, within fixed bounds, with every change audited.
 */
@NullMarked
package ai.stratum.finance.threshold;

import org.jspecify.annotations.NullMarked;

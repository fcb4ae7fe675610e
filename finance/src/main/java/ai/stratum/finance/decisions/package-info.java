/**
 * One decision path for the stream and the synchronous API: features, calibrated score, reason
 * codes and the tenant's thresholds make a {@link ai.stratum.finance.contract.Decision}. Decisions
 * committed to Kafka are projected into PostgreSQL for lookups.
 */
@NullMarked
package ai.stratum.finance.decisions;

import org.jspecify.annotations.NullMarked;

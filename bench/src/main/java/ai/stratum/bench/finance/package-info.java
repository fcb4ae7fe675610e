/**
 * {@code ./stratum bench finance}: the scoring stream end to end through Kafka, and model quality.
 */
@NullMarked
package ai.stratum.bench.finance;

import org.jspecify.annotations.NullMarked;

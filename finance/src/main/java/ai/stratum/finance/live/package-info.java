/**
 * Live statistics of a tenant's decision stream for the console's finance view: throughput per
 * 5-second bucket, produce-to-decision latency percentiles, alert rate, outcomes, recent declines
 * with their reasons, and the dead-letter queue. Read from aggregates that the decision projection
 * and the dead-letter projection maintain in PostgreSQL.
 */
@NullMarked
package ai.stratum.finance.live;

import org.jspecify.annotations.NullMarked;

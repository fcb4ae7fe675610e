/**
 * The Kafka stream: {@code finance.transactions} in, {@code finance.decisions} out, in Kafka
 * transactions (read-process-write, read_committed), with refused records in {@code
 * finance.transactions.dlq} and feature state checkpointed to PostgreSQL and replayed from Kafka
 * after a restart or an aborted transaction.
 */
@NullMarked
package ai.stratum.finance.stream;

import org.jspecify.annotations.NullMarked;

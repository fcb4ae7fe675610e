/**
 * Risk features per transaction from bounded, in-memory state per card, account, merchant and
 * device: velocity over sliding windows, spread, amount profiles, recency, geo-velocity, time
 * patterns, channel mixes and category risk. The state snapshots to bytes so the stream can
 * checkpoint it and recover after a restart.
 */
@NullMarked
package ai.stratum.finance.features;

import org.jspecify.annotations.NullMarked;

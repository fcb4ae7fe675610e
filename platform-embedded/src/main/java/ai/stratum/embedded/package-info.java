/**
 * Real infrastructure inside the JVM: {@link ai.stratum.embedded.PostgresServer} (PostgreSQL
 * binaries run as child processes) and {@link ai.stratum.embedded.KafkaBroker} (a KRaft broker and
 * controller in-process), both keeping their data in a directory that survives restarts.
 */
@NullMarked
package ai.stratum.embedded;

import org.jspecify.annotations.NullMarked;

/**
 * Events that leave a process: the {@link ai.stratum.core.events.Topic} catalogue, the {@link
 * ai.stratum.core.events.EventEnvelope} every record carries, its JSON serde, and a publisher.
 */
@NullMarked
package ai.stratum.core.events;

import org.jspecify.annotations.NullMarked;

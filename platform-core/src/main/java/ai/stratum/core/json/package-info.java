/**
 * One JSON configuration for APIs, events and the audit log, shared by Spring and non-Spring code.
 */
@NullMarked
package ai.stratum.core.json;

import org.jspecify.annotations.NullMarked;

/**
 * The audit trail of the front door: an entry in platform-core's hash-chained audit log for every
 * authenticated call (who, tenant, route, method, path without query, status), and the audit log
 * over HTTP with chain verification.
 */
@NullMarked
package ai.stratum.gateway.audit;

import org.jspecify.annotations.NullMarked;

/**
 * An append-only, hash-chained audit log in PostgreSQL: every entry carries the SHA-256 of its
 * predecessor, so altering or removing a stored entry breaks the chain at that point and {@link
 * ai.stratum.core.audit.AuditLog#verify()} names it.
 */
@NullMarked
package ai.stratum.core.audit;

import org.jspecify.annotations.NullMarked;

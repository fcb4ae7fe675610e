/**
 * Rate limits per tenant and route: a token bucket for each pair, refilled continuously; a call
 * that finds its bucket empty gets 429 with {@code Retry-After}. Buckets live in PostgreSQL, so
 * several gateway instances enforce one limit together.
 */
@NullMarked
package ai.stratum.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;

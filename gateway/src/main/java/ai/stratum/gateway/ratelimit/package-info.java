/**
 * Rate limits per tenant and route: a token bucket for each pair, refilled continuously; a call
 * that finds its bucket empty gets 429 with {@code Retry-After}. Buckets live in the gateway's
 * memory, so with several gateway instances each enforces the limit on its share of the traffic.
 */
@NullMarked
package ai.stratum.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;

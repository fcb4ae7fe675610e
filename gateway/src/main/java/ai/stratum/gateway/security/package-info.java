/**
 * Authentication and authorization at the front door: per-tenant API keys (stored as hashes, shown
 * once, revocable), bearer tokens (a local issuer whose rotating signing keys live in the database,
 * or an external one by JWK set URI), console users with Argon2id password hashes, the role each
 * route needs, and the tenant header the gateway sets from the credential after stripping any copy
 * the client sent.
 */
@NullMarked
package ai.stratum.gateway.security;

import org.jspecify.annotations.NullMarked;

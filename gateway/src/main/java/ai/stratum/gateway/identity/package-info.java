/**
 * Who is calling: the authenticated {@link ai.stratum.gateway.identity.Caller} of the current
 * request (a console user, an API key or a bearer token), its {@link
 * ai.stratum.gateway.identity.Role roles}, and {@link ai.stratum.gateway.identity.CallerFilter} for
 * features that act on every authenticated call.
 */
@NullMarked
package ai.stratum.gateway.identity;

import org.jspecify.annotations.NullMarked;

/**
 * The hospitals and banks the gateway serves: {@link ai.stratum.gateway.tenancy.Tenants} and the
 * admin API {@code /api/gateway/tenants}.
 */
@NullMarked
package ai.stratum.gateway.tenancy;

import org.jspecify.annotations.NullMarked;

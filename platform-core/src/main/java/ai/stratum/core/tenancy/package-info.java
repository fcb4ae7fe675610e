/**
 * Who a piece of work belongs to: {@link ai.stratum.core.tenancy.TenantId} and the per-thread
 * {@link ai.stratum.core.tenancy.TenantContext}.
 */
@NullMarked
package ai.stratum.core.tenancy;

import org.jspecify.annotations.NullMarked;

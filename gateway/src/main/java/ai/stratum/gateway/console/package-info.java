/**
 * The admin console, server-rendered with Thymeleaf and htmx: tenants and their API keys, users and
 * roles, the audit log with chain verification, studies with a slice viewer and nodule findings,
 * models, and the finance live view. Pages call the same services as the admin API, and the
 * services behind the routes with the user's tenant.
 */
@NullMarked
package ai.stratum.gateway.console;

import org.jspecify.annotations.NullMarked;

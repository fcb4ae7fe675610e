/**
 * The admin console, server-rendered with Thymeleaf and htmx: tenants and their API keys, users and
 * roles, the audit log with chain verification. Pages call the same services as the admin API.
 */
@NullMarked
package ai.stratum.gateway.console;

import org.jspecify.annotations.NullMarked;

/**
 * Demo bootstrap for standalone mode: an admin user and the tenants {@code demo-hospital} and
 * {@code demo-bank} with API keys, their credentials written to a file only its owner can read.
 */
@NullMarked
package ai.stratum.gateway.demo;

import org.jspecify.annotations.NullMarked;

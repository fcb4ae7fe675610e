package ai.stratum.core.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param header the HTTP request header that carries the tenant id; the gateway sets it from the
 *     caller's credential and strips any value a client sent
 */
@ConfigurationProperties("stratum.core.tenancy")
public record TenancyProperties(@DefaultValue("X-Stratum-Tenant") String header) {}

package ai.stratum.core.tenancy;

import ai.stratum.core.web.StratumException;
import org.springframework.http.HttpStatus;

/**
 * Work that needs a tenant ran without one; over HTTP this is a 400 problem of type {@code
 * tenant-required}.
 */
public final class MissingTenantException extends StratumException {

  public MissingTenantException() {
    super(
        HttpStatus.BAD_REQUEST,
        "tenant-required",
        "Tenant required",
        "This operation needs a tenant and none was given.");
  }
}

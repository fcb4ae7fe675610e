package ai.stratum.gateway.security;

import ai.stratum.core.web.StratumException;
import org.springframework.http.HttpStatus;

/** 403: the caller is known but may not do this. */
public class ForbiddenException extends StratumException {

  public ForbiddenException(String detail) {
    super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }
}

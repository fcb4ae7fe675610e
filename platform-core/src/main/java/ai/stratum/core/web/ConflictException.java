package ai.stratum.core.web;

import org.springframework.http.HttpStatus;

/**
 * 409: the request contradicts the current state (a duplicate, a stale version, a forbidden
 * transition).
 */
public class ConflictException extends StratumException {

  public ConflictException(String detail) {
    super(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
  }
}

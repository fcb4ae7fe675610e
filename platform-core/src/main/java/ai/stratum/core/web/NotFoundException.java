package ai.stratum.core.web;

import org.springframework.http.HttpStatus;

/** 404: the addressed resource does not exist (for this tenant). */
public class NotFoundException extends StratumException {

  public NotFoundException(String detail) {
    super(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
  }

  /** E.g. {@code new NotFoundException("study", uid)} gives "No study '1.2.3' exists.". */
  public NotFoundException(String resource, Object id) {
    this("No " + resource + " '" + id + "' exists.");
  }
}

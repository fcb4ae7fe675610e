package ai.stratum.core.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** 400: the request is malformed or breaks a rule; optionally names the offending fields. */
public class InvalidRequestException extends StratumException {

  private final List<InvalidField> errors;

  public InvalidRequestException(String detail) {
    this(detail, List.of());
  }

  public InvalidRequestException(String detail, List<InvalidField> errors) {
    super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    this.errors = List.copyOf(errors);
  }

  public List<InvalidField> errors() {
    return errors;
  }

  @Override
  public Map<String, Object> properties() {
    return errors.isEmpty() ? Map.of() : Map.of("errors", errors);
  }
}

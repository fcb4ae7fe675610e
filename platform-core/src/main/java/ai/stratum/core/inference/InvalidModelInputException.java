package ai.stratum.core.inference;

import ai.stratum.core.web.InvalidField;
import ai.stratum.core.web.InvalidRequestException;
import java.util.List;

/** 400: the inputs of a prediction request do not match the model's signature. */
public class InvalidModelInputException extends InvalidRequestException {

  public InvalidModelInputException(String detail, List<InvalidField> errors) {
    super(detail, errors);
  }
}

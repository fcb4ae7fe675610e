package ai.stratum.core.inference;

import ai.stratum.core.web.StratumException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * 504: a prediction was not computed within its deadline; it is dropped instead of computed for
 * nobody.
 */
public class DeadlineExceededException extends StratumException {

  public DeadlineExceededException(ModelRef model, Duration timeout) {
    super(
        HttpStatus.GATEWAY_TIMEOUT,
        "deadline-exceeded",
        "Deadline exceeded",
        "Model " + model + " did not answer within " + timeout.toMillis() + " ms.");
  }
}

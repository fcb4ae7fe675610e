package ai.stratum.core.inference;

import ai.stratum.core.web.OverloadedException;
import java.time.Duration;

/**
 * 503 with {@code Retry-After}: the model cannot take the request now. Usually its queue is full,
 * so the request is shed at once instead of waiting behind work the model cannot finish in time.
 */
public class ModelOverloadedException extends OverloadedException {

  private ModelOverloadedException(String detail, Duration retryAfter) {
    super(detail, retryAfter);
  }

  public static ModelOverloadedException queueFull(
      ModelRef model, int queueCapacity, Duration retryAfter) {
    return new ModelOverloadedException(
        "Model "
            + model
            + " is overloaded: its queue of "
            + queueCapacity
            + " requests is full. Retry later.",
        retryAfter);
  }

  /** A version being retired could not finish its queue within the drain timeout. */
  public static ModelOverloadedException retired(ModelRef model, Duration retryAfter) {
    return new ModelOverloadedException(
        "Model " + model + " was retired before this request ran. Retry later.", retryAfter);
  }
}

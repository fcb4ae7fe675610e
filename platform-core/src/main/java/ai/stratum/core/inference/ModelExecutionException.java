package ai.stratum.core.inference;

/** The engine failed while computing a batch; every request of that batch fails with this error. */
public class ModelExecutionException extends RuntimeException {

  public ModelExecutionException(ModelRef model, int batchSize, Throwable cause) {
    super(
        "Model " + model + " failed on a batch of " + batchSize + ": " + cause.getMessage(), cause);
  }
}

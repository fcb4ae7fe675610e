package ai.stratum.core.inference;

/**
 * A model version cannot be loaded: corrupt or tampered artifact, missing engine natives, or an
 * artifact that does not fit its signature. The message names the model and what was expected;
 * other models keep serving.
 */
public class ModelLoadException extends RuntimeException {

  public ModelLoadException(ModelRef model, String problem) {
    super("Cannot load model " + model + ": " + problem);
  }

  public ModelLoadException(ModelRef model, String problem, Throwable cause) {
    super("Cannot load model " + model + ": " + problem, cause);
  }
}

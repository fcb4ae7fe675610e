package ai.stratum.core.inference.runtime;

/** A model in memory on one device. Thread-safe; hands out predictors, which are not. */
public interface LoadedModel extends AutoCloseable {

  /** A new predictor for the calling worker thread; the caller closes it. */
  ModelPredictor newPredictor();

  /** Frees the model's memory; close its predictors first. */
  @Override
  void close();
}

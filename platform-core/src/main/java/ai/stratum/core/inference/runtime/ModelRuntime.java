package ai.stratum.core.inference.runtime;

import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import java.nio.file.Path;

/**
 * An engine (PyTorch through DJL, XGBoost) behind one interface: loads verified artifacts of one
 * framework.
 */
public interface ModelRuntime {

  ModelFramework framework();

  /**
   * Loads an artifact whose integrity the caller has verified onto a device.
   *
   * @throws ModelLoadException naming the model and what was expected when the artifact is
   *     unreadable, does not fit the signature, or the engine's natives are missing
   */
  LoadedModel load(ModelRef model, ModelSignature signature, Path artifact, ComputeDevice device);
}

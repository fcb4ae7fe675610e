package ai.stratum.core.inference.runtime;

import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.TestModels;
import java.nio.file.Path;

/** Run by {@link MissingNativesTest} in a JVM whose classpath lacks the PyTorch natives. */
public final class LoadWithoutNatives {

  private LoadWithoutNatives() {}

  public static void main(String[] args) {
    try {
      new PyTorchRuntime(1)
          .load(
              new ModelRef("nodule-cnn", 7),
              TestModels.mlpSignature(),
              Path.of(args[0]),
              ComputeDevice.cpu())
          .close();
      System.out.println("LOADED");
    } catch (ModelLoadException e) {
      System.out.println("REFUSED: " + e.getMessage());
    }
  }
}

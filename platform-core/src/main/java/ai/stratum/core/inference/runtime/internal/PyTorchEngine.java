package ai.stratum.core.inference.runtime.internal;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine from the natives on the classpath. Downloads are switched off before
 * the engine first loads: a production host must never fetch natives at run time, and a missing
 * native jar must fail loudly.
 */
public final class PyTorchEngine {

  public static final String NAME = "PyTorch";

  /**
   * What a missing or broken native setup should be fixed with; part of every engine start-up
   * error.
   */
  public static final String EXPECTED_NATIVES =
      "the PyTorch natives on the classpath: ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1 and"
          + " ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64; pytorch-native-cu128 for GPUs),"
          + " with downloads off (ai.djl.offline=true)";

  private PyTorchEngine() {}

  /**
   * Returns the engine, starting it on first use.
   *
   * @throws IllegalStateException naming the expected natives when the engine cannot start
   */
  public static Engine start() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    try {
      return Engine.getEngine(NAME);
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException(
          "the PyTorch engine did not start (" + e.getMessage() + "); expected " + EXPECTED_NATIVES,
          e);
    }
  }

  /**
   * Sets the engine's thread pools before it starts; no effect once started. Serving runs one
   * predictor per worker thread, so a single intra-op thread per predictor avoids oversubscribing
   * the cores.
   */
  public static void configureThreads(int intraOpThreads, int interOpThreads) {
    setIfAbsent("ai.djl.pytorch.num_threads", intraOpThreads);
    setIfAbsent("ai.djl.pytorch.num_interop_threads", interOpThreads);
  }

  private static void setIfAbsent(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }
}

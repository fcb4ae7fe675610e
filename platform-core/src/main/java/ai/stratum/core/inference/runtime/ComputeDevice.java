package ai.stratum.core.inference.runtime;

/** Where a model runs: the CPU, or one GPU by index. */
public record ComputeDevice(Kind kind, int index) {

  public enum Kind {
    CPU,
    GPU
  }

  public ComputeDevice {
    if (kind == Kind.CPU && index != 0) {
      throw new IllegalArgumentException("the CPU device has index 0");
    }
    if (index < 0) {
      throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }
  }

  public static ComputeDevice cpu() {
    return new ComputeDevice(Kind.CPU, 0);
  }

  public static ComputeDevice gpu(int index) {
    return new ComputeDevice(Kind.GPU, index);
  }

  public boolean isGpu() {
    return kind == Kind.GPU;
  }

  /** {@code cpu} or {@code gpu0}, {@code gpu1}, ...; used in metric tags and messages. */
  @Override
  public String toString() {
    return kind == Kind.CPU ? "cpu" : "gpu" + index;
  }
}

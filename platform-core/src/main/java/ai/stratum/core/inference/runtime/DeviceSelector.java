package ai.stratum.core.inference.runtime;

import ai.djl.util.cuda.CudaUtils;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one place that chooses devices, so a GPU deployment is configuration ({@code
 * stratum.core.inference.device}), not code. CUDA presence is what DJL detects: the CUDA runtime
 * library and at least one visible GPU.
 */
public final class DeviceSelector {

  private final int visibleGpus;

  private DeviceSelector(int visibleGpus) {
    this.visibleGpus = visibleGpus;
  }

  /** Looks for CUDA on this machine. */
  public static DeviceSelector detect() {
    return new DeviceSelector(CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0);
  }

  /** For a machine with a known number of GPUs. */
  public static DeviceSelector withVisibleGpus(int visibleGpus) {
    return new DeviceSelector(visibleGpus);
  }

  public int visibleGpus() {
    return visibleGpus;
  }

  /** The devices to serve on; each gets its own batcher and workers. */
  public List<ComputeDevice> select(DevicePreference preference) {
    return switch (preference) {
      case CPU -> List.of(ComputeDevice.cpu());
      case AUTO -> visibleGpus > 0 ? gpus() : List.of(ComputeDevice.cpu());
      case GPU -> {
        if (visibleGpus == 0) {
          throw new IllegalStateException(
              "stratum.core.inference.device=gpu but no CUDA GPU is visible (CUDA runtime present: "
                  + CudaUtils.hasCuda()
                  + "); use device=auto or cpu on this machine");
        }
        yield gpus();
      }
    };
  }

  private List<ComputeDevice> gpus() {
    return IntStream.range(0, visibleGpus).mapToObj(ComputeDevice::gpu).toList();
  }
}

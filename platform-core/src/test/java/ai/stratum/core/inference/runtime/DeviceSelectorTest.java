package ai.stratum.core.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

  @Test
  void autoUsesEveryVisibleGpuAndTheCpuWithoutOne() {
    assertThat(DeviceSelector.withVisibleGpus(2).select(DevicePreference.AUTO))
        .containsExactly(ComputeDevice.gpu(0), ComputeDevice.gpu(1));
    assertThat(DeviceSelector.withVisibleGpus(0).select(DevicePreference.AUTO))
        .containsExactly(ComputeDevice.cpu());
  }

  @Test
  void cpuIsAlwaysTheCpu() {
    assertThat(DeviceSelector.withVisibleGpus(4).select(DevicePreference.CPU))
        .containsExactly(ComputeDevice.cpu());
  }

  @Test
  void insistingOnAGpuWithoutOneIsAStartUpError() {
    assertThatThrownBy(() -> DeviceSelector.withVisibleGpus(0).select(DevicePreference.GPU))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stratum.core.inference.device=gpu but no CUDA GPU is visible");
  }

  @Test
  void thisMachineHasNoGpuSoAutoMeansCpu() {
    assertThat(DeviceSelector.detect().select(DevicePreference.AUTO))
        .containsExactly(ComputeDevice.cpu());
  }

  @Test
  void devicesAreNamedForMetricTags() {
    assertThat(ComputeDevice.cpu()).hasToString("cpu");
    assertThat(ComputeDevice.gpu(1)).hasToString("gpu1");
  }
}

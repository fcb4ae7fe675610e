package ai.stratum.core.inference.runtime;

/** Which devices a deployment may use; {@link DeviceSelector} turns it into concrete devices. */
public enum DevicePreference {
  /** Every visible GPU when CUDA is present, the CPU otherwise. */
  AUTO,
  /** The CPU, even when GPUs are present. */
  CPU,
  /** Every visible GPU; starting without one is an error rather than a silent fall-back. */
  GPU
}

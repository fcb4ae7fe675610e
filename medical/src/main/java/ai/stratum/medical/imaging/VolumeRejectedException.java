package ai.stratum.medical.imaging;

/** The slices do not make one regular volume; the message says why. */
public class VolumeRejectedException extends Exception {

  public VolumeRejectedException(String reason) {
    super(reason);
  }
}

package ai.stratum.core.inference.runtime;

import ai.djl.ndarray.NDArray;

/** Loss functions shared by the Java training code of Stratum's models. */
public final class Losses {

  private Losses() {}

  /**
   * Weighted binary cross-entropy on logits, averaged by the weights: {@code max(z,0) - z*y +
   * log(1+exp(-|z|))}, the numerically stable form. Written out rather than taken from DJL's loss
   * classes so the weights apply per sample (class weights, importance weights).
   */
  public static NDArray weightedLogisticLoss(NDArray logits, NDArray labels, NDArray weights) {
    return logits
        .clip(0, Float.MAX_VALUE)
        .sub(logits.mul(labels))
        .add(logits.abs().neg().exp().add(1).log())
        .mul(weights)
        .sum()
        .div(weights.sum());
  }
}

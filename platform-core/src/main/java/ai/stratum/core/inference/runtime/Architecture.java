package ai.stratum.core.inference.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The network a PyTorch artifact's parameters belong to. DJL parameters carry no architecture, so
 * the artifact stores this description next to them and the runtime rebuilds the block from it. A
 * new architecture is a new permitted record here, so every runtime that reads artifacts knows it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = MlpArchitecture.class, name = "mlp"),
  @JsonSubTypes.Type(value = Cnn3dArchitecture.class, name = "cnn3d")
})
public sealed interface Architecture permits MlpArchitecture, Cnn3dArchitecture {

  /** A new, uninitialized block of this architecture. */
  Block newBlock();

  /** The shape of one input sample (no batch dimension), used to initialize a fresh block. */
  Shape sampleShape();
}

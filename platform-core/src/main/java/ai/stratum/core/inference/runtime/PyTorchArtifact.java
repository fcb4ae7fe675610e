package ai.stratum.core.inference.runtime;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.stratum.core.inference.runtime.internal.PyTorchEngine;
import ai.stratum.core.json.StratumJson;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The artifact format of {@link ai.stratum.core.inference.ModelFramework#PYTORCH}: a zip holding
 * {@value #ARCHITECTURE_ENTRY} (an {@link Architecture} as JSON) and {@value #PARAMETERS_ENTRY}
 * (the block's DJL parameters). Training code builds the block with {@link #newModel}, trains it,
 * and writes it with {@link #write}.
 */
public final class PyTorchArtifact {

  public static final String ARCHITECTURE_ENTRY = "architecture.json";
  public static final String PARAMETERS_ENTRY = "parameters.params";

  private PyTorchArtifact() {}

  /**
   * A CPU model on the PyTorch engine holding a new block of the architecture with freshly
   * initialized parameters.
   */
  public static Model newModel(String name, Architecture architecture) {
    PyTorchEngine.start();
    Model model = Model.newInstance(name, "PyTorch");
    Block block = architecture.newBlock();
    block.initialize(
        model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(architecture.sampleShape()));
    model.setBlock(block);
    return model;
  }

  /** Writes the model's parameters and its architecture; the stream is left open. */
  public static void write(Model model, Architecture architecture, OutputStream out)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.putNextEntry(new ZipEntry(ARCHITECTURE_ENTRY));
    zip.write(StratumJson.mapper().writerFor(Architecture.class).writeValueAsBytes(architecture));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(PARAMETERS_ENTRY));
    DataOutputStream parameters = new DataOutputStream(zip);
    model.getBlock().saveParameters(parameters);
    parameters.flush();
    zip.closeEntry();
    zip.finish();
  }
}

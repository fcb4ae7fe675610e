package ai.stratum.medical.detection;

import ai.stratum.medical.detection.internal.BlobDetector;
import ai.stratum.medical.detection.internal.Grid;
import ai.stratum.medical.imaging.Volume;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Finds lung nodules in a chest CT volume with isotropic voxels. Thread-safe: it holds only its
 * settings.
 */
public final class NoduleDetector {

  /** Blob radii searched, in mm: nodules of about 3 to 30 mm. */
  private static final double[] RADII_MM = {1.75, 2.5, 3.5, 5, 7, 10, 14};

  private final BlobDetector blobs;

  public NoduleDetector(DetectionProperties properties) {
    this.blobs =
        new BlobDetector(
            RADII_MM,
            properties.minContrastHu(),
            properties.minBlobness(),
            properties.minDiameterMm());
  }

  /** Lung volume found and findings, most probable first. */
  public record Detection(double lungVolumeMl, List<Finding> findings) {}

  public Detection detect(Volume volume) {
    double spacing = volume.spacing()[0];
    if (Math.abs(volume.spacing()[1] - spacing) > 1e-3
        || Math.abs(volume.spacing()[2] - spacing) > 1e-3) {
      throw new IllegalArgumentException("detection needs isotropic voxels");
    }
    Grid grid =
        BlobDetector.grid(volume.columns(), volume.rows(), volume.slices(), volume.hounsfield());
    BlobDetector.Result result = blobs.detect(grid, spacing);
    List<Finding> findings = new ArrayList<>();
    for (BlobDetector.Blob blob : result.blobs()) {
      double[] centre = volume.position(blob.x(), blob.y(), blob.z());
      UUID id = UUID.randomUUID();
      findings.add(
          new Finding(
              id,
              uid(id),
              centre[0],
              centre[1],
              centre[2],
              blob.diameterMm(),
              blob.volumeMm3(),
              blob.solid() ? Attenuation.SOLID : Attenuation.GROUND_GLASS,
              blob.probability(),
              blob.uncertainty()));
    }
    findings.sort(Comparator.comparingDouble(Finding::probability).reversed());
    return new Detection(result.lungVolumeMl(), List.copyOf(findings));
  }

  private static String uid(UUID id) {
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, bytes.array());
  }
}

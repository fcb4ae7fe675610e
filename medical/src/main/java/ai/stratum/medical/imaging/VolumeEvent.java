package ai.stratum.medical.imaging;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The payload of {@code medical.studies} events of type {@value #READY} and {@value #REFUSED}.
 * Geometry follows {@link Volume}; the voxels are little-endian int16 Hounsfield units, column
 * fastest, in the content store under {@code volumeSha256}.
 *
 * @param instanceCount instances in the series
 * @param sliceCount image planes stacked into the volume (before resampling): one per single-frame
 *     instance, one per frame of a multi-frame instance; 0 when refused
 */
public record VolumeEvent(
    String studyInstanceUid,
    String seriesInstanceUid,
    int instanceCount,
    int sliceCount,
    @Nullable String volumeSha256,
    @Nullable List<Integer> dimensions,
    @Nullable List<Double> spacing,
    @Nullable List<Double> origin,
    @Nullable List<Double> direction,
    @Nullable String reason) {

  public static final String READY = "medical.volume.ready";
  public static final String REFUSED = "medical.volume.refused";
}

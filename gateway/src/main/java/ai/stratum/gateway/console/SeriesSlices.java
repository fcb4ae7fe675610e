package ai.stratum.gateway.console;

import ai.stratum.gateway.console.FindingOverlays.SliceGeometry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The slices the viewer scrolls through, from a series' WADO-RS metadata: single-frame instances in
 * instance-number order, and each frame of a multi-frame instance (Enhanced CT) as a slice of its
 * own, its frames ordered along their normal (ascending, the order medical stacks them in a volume)
 * since frame numbers need not follow the anatomy.
 */
final class SeriesSlices {

  static final String NUMBER_OF_FRAMES = "00280008";

  /**
   * One slice: a single-frame instance (frame null) or one frame (from 1) of a multi-frame one,
   * with its geometry when it has a usable one.
   */
  record Slice(String instance, @Nullable Integer frame, @Nullable SliceGeometry geometry) {}

  private SeriesSlices() {}

  static List<Slice> of(List<JsonNode> metadata) {
    List<Slice> slices = new ArrayList<>();
    metadata.stream()
        .sorted(Comparator.comparingInt(item -> DicomJson.integer(item, DicomJson.INSTANCE_NUMBER)))
        .forEach(item -> {
          String instance = DicomJson.text(item, DicomJson.SOP_INSTANCE_UID);
          if (multiFrame(item)) {
            List<Slice> frames = new ArrayList<>();
            for (int frame = 1; frame <= Math.max(1, frameCount(item)); frame++) {
              frames.add(new Slice(instance, frame, SliceGeometry.ofFrame(item, frame)));
            }
            slices.addAll(alongNormal(frames));
          } else {
            slices.add(new Slice(instance, null, SliceGeometry.of(item)));
          }
        });
    return slices;
  }

  /**
   * An instance with more than one frame, or with per-frame functional groups: an Enhanced CT of
   * one frame has its geometry there too, not in the top-level attributes.
   */
  private static boolean multiFrame(JsonNode item) {
    return frameCount(item) > 1 || item.has(FindingOverlays.PER_FRAME_FUNCTIONAL_GROUPS);
  }

  private static int frameCount(JsonNode item) {
    return DicomJson.integer(item, NUMBER_OF_FRAMES);
  }

  /** In frame-number order while any frame lacks geometry: there is no normal to sort along. */
  private static List<Slice> alongNormal(List<Slice> frames) {
    if (frames.stream().anyMatch(frame -> frame.geometry() == null)) {
      return frames;
    }
    double[] normal = Objects.requireNonNull(frames.getFirst().geometry()).normal();
    return frames.stream()
        .sorted(
            Comparator.comparingDouble(
                frame -> Objects.requireNonNull(frame.geometry()).along(normal)))
        .toList();
  }
}

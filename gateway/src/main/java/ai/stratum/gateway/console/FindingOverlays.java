package ai.stratum.gateway.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where each nodule finding shows on a series' slices. Findings come with their centre in patient
 * coordinates (LPS, mm) and a diameter; each slice is a plane given by its DICOM geometry. A
 * finding is drawn on every slice whose slab (the plane plus and minus half the slice spacing)
 * meets the nodule's sphere, as the largest cross-section within that slab, in pixel coordinates.
 */
final class FindingOverlays {

  static final String IMAGE_POSITION = "00200032";
  static final String IMAGE_ORIENTATION = "00200037";
  static final String PIXEL_SPACING = "00280030";
  static final String ROWS = "00280010";
  static final String COLUMNS = "00280011";
  static final String SHARED_FUNCTIONAL_GROUPS = "52009229";
  static final String PER_FRAME_FUNCTIONAL_GROUPS = "52009230";
  static final String PLANE_POSITION = "00209113";
  static final String PLANE_ORIENTATION = "00209116";
  static final String PIXEL_MEASURES = "00289110";

  /** A slice plane: origin (centre of the first pixel), row and column directions, spacings. */
  record SliceGeometry(
      double[] origin,
      double[] rowDirection,
      double[] columnDirection,
      double rowSpacing,
      double columnSpacing,
      int rows,
      int columns) {

    /**
     * From the WADO-RS metadata item of a single-frame instance; null when the instance has no
     * usable geometry.
     */
    static @Nullable SliceGeometry of(JsonNode item) {
      return of(item, item, item, item);
    }

    /**
     * Frame {@code frame} (from 1) of a multi-frame instance's metadata item: Plane Position
     * (Patient), Plane Orientation (Patient) and Pixel Measures from the frame's item of the
     * Per-frame Functional Groups Sequence, else from the Shared Functional Groups Sequence (PS3.3
     * C.7.6.16); null when the frame has no usable geometry.
     */
    static @Nullable SliceGeometry ofFrame(JsonNode item, int frame) {
      return of(
          functionalGroup(item, frame, PLANE_POSITION),
          functionalGroup(item, frame, PLANE_ORIENTATION),
          functionalGroup(item, frame, PIXEL_MEASURES),
          item);
    }

    private static @Nullable SliceGeometry of(
        JsonNode positioned, JsonNode oriented, JsonNode measured, JsonNode item) {
      double[] position = values(positioned, IMAGE_POSITION, 3);
      double[] orientation = values(oriented, IMAGE_ORIENTATION, 6);
      double[] spacing = values(measured, PIXEL_SPACING, 2);
      int rows = DicomJson.integer(item, ROWS);
      int columns = DicomJson.integer(item, COLUMNS);
      if (position == null || orientation == null || spacing == null || rows < 1 || columns < 1) {
        return null;
      }
      return new SliceGeometry(
          position,
          new double[] {orientation[0], orientation[1], orientation[2]},
          new double[] {orientation[3], orientation[4], orientation[5]},
          spacing[0],
          spacing[1],
          rows,
          columns);
    }

    double[] normal() {
      return cross(rowDirection, columnDirection);
    }

    /** Where the plane lies along a direction (its origin projected on it), in mm. */
    double along(double[] direction) {
      return dot(origin, direction);
    }
  }

  /** A finding of the report, as medical's JSON names it. */
  record Finding(String id, double x, double y, double z, double diameterMm, double probability) {

    static Finding of(JsonNode json) {
      return new Finding(
          json.path("id").asString(""),
          json.path("x").asDouble(),
          json.path("y").asDouble(),
          json.path("z").asDouble(),
          json.path("diameterMm").asDouble(),
          json.path("probability").asDouble());
    }
  }

  /** A finding's circle on one slice, in pixels: centre column and row, radii along each. */
  record Circle(double column, double row, double columnRadius, double rowRadius) {}

  /**
   * A finding with the slices it shows on (by index into the series' slice order) and the slice
   * nearest its centre, which the findings list jumps to.
   */
  record Overlay(Finding finding, int number, int centreSlice, Map<Integer, Circle> circles) {}

  private FindingOverlays() {}

  /** Slices without geometry (null entries) get no circles. */
  static List<Overlay> of(List<@Nullable SliceGeometry> slices, List<Finding> findings) {
    List<Overlay> overlays = new ArrayList<>();
    double halfSlab = sliceSpacing(slices) / 2;
    for (Finding finding : findings) {
      double[] centre = {finding.x(), finding.y(), finding.z()};
      double radius = finding.diameterMm() / 2;
      Map<Integer, Circle> circles = new LinkedHashMap<>();
      int nearest = -1;
      double nearestDistance = Double.POSITIVE_INFINITY;
      for (int i = 0; i < slices.size(); i++) {
        SliceGeometry slice = slices.get(i);
        if (slice == null) {
          continue;
        }
        double[] offset = minus(centre, slice.origin());
        double distance = Math.abs(dot(offset, slice.normal()));
        if (distance < nearestDistance) {
          nearestDistance = distance;
          nearest = i;
        }
        double outside = Math.max(0, distance - halfSlab);
        if (outside >= radius) {
          continue;
        }
        double crossSection = Math.sqrt(radius * radius - outside * outside);
        circles.put(
            i,
            new Circle(
                dot(offset, slice.rowDirection()) / slice.columnSpacing(),
                dot(offset, slice.columnDirection()) / slice.rowSpacing(),
                crossSection / slice.columnSpacing(),
                crossSection / slice.rowSpacing()));
      }
      overlays.add(new Overlay(finding, overlays.size() + 1, Math.max(0, nearest), circles));
    }
    return overlays;
  }

  /** Distance between neighbouring planes; 0 for a single slice (its plane alone). */
  private static double sliceSpacing(List<@Nullable SliceGeometry> slices) {
    List<SliceGeometry> known = slices.stream().filter(s -> s != null).toList();
    if (known.size() < 2) {
      return 0;
    }
    double[] normal = known.getFirst().normal();
    double total = 0;
    for (int i = 1; i < known.size(); i++) {
      total += Math.abs(dot(minus(known.get(i).origin(), known.get(i - 1).origin()), normal));
    }
    return total / (known.size() - 1);
  }

  /**
   * The first item of a functional group macro's sequence for a frame: the frame's own item when it
   * has the macro, else the shared one; a missing node when neither has it.
   */
  private static JsonNode functionalGroup(JsonNode item, int frame, String macro) {
    JsonNode own = item.path(PER_FRAME_FUNCTIONAL_GROUPS).path("Value").path(frame - 1).path(macro);
    if (own.path("Value").path(0).isObject()) {
      return own.path("Value").path(0);
    }
    return item.path(SHARED_FUNCTIONAL_GROUPS)
        .path("Value")
        .path(0)
        .path(macro)
        .path("Value")
        .path(0);
  }

  private static double @Nullable [] values(JsonNode item, String tag, int count) {
    JsonNode values = item.path(tag).path("Value");
    if (!values.isArray() || values.size() < count) {
      return null;
    }
    double[] result = new double[count];
    for (int i = 0; i < count; i++) {
      JsonNode value = values.get(i);
      // DS values arrive as numbers, or as strings from some encoders
      result[i] = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asString("0"));
    }
    return result;
  }

  private static double[] minus(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }
}

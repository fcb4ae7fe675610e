package ai.stratum.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.stratum.gateway.console.FindingOverlays.Circle;
import ai.stratum.gateway.console.FindingOverlays.Finding;
import ai.stratum.gateway.console.FindingOverlays.Overlay;
import ai.stratum.gateway.console.FindingOverlays.SliceGeometry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FindingOverlaysTest {

  /** Axial slices of 100 x 80 pixels (0.5 mm columns, 0.8 mm rows), 2 mm apart going up. */
  private static List<SliceGeometry> axial(int count) {
    List<SliceGeometry> slices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slices.add(
          new SliceGeometry(
              new double[] {-25, -32, 10 + 2.0 * i},
              new double[] {1, 0, 0},
              new double[] {0, 1, 0},
              0.8,
              0.5,
              80,
              100));
    }
    return slices;
  }

  @Test
  void drawsTheSphereOnEverySliceWhoseSlabMeetsItLargestAtItsCentre() {
    // centre on slice 5 (z = 20), column 30 (x = -10), row 40 (y = 0), 6 mm across
    Overlay overlay =
        FindingOverlays.of(axial(12), List.of(new Finding("f1", -10, 0, 20, 6, 0.9))).getFirst();

    // slabs are 2 mm thick: |dz| - 1 < 3 keeps slices 4, 5 and 6 (dz = 2), not 3 or 7 (dz = 4)
    assertThat(overlay.circles()).containsOnlyKeys(4, 5, 6);
    assertThat(overlay.centreSlice()).isEqualTo(5);
    Circle centre = overlay.circles().get(5);
    assertThat(centre.column()).isCloseTo(30, within(1e-9));
    assertThat(centre.row()).isCloseTo(40, within(1e-9));
    assertThat(centre.columnRadius()).isCloseTo(6.0, within(1e-9));
    assertThat(centre.rowRadius()).isCloseTo(3.75, within(1e-9));
    // 1 mm outside the slab of slice 6: sqrt(3^2 - 1^2) mm
    assertThat(overlay.circles().get(6).columnRadius()).isCloseTo(Math.sqrt(8) / 0.5, within(1e-9));
  }

  @Test
  void usesTheSliceOrientationNotJustZ() {
    // coronal slices: rows run down along -z, columns along x, the normal is y
    List<SliceGeometry> coronal = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      coronal.add(
          new SliceGeometry(
              new double[] {0, 3.0 * i, 50},
              new double[] {1, 0, 0},
              new double[] {0, 0, -1},
              1,
              1,
              64,
              64));
    }

    Overlay overlay =
        FindingOverlays.of(coronal, List.of(new Finding("f1", 12, 6, 30, 2, 0.8))).getFirst();

    assertThat(overlay.circles()).containsOnlyKeys(2);
    assertThat(overlay.circles().get(2).column()).isCloseTo(12, within(1e-9));
    assertThat(overlay.circles().get(2).row()).isCloseTo(20, within(1e-9));
  }

  @Test
  void readsGeometryFromWadoMetadataAndSkipsSlicesWithout() {
    JsonMapper json = JsonMapper.builder().build();
    SliceGeometry read =
        SliceGeometry.of(
            json.readTree(
                """
                {"00200032": {"vr": "DS", "Value": [-25, -32, "10.5"]},
                 "00200037": {"vr": "DS", "Value": [1, 0, 0, 0, 1, 0]},
                 "00280030": {"vr": "DS", "Value": [0.8, 0.5]},
                 "00280010": {"vr": "US", "Value": [80]},
                 "00280011": {"vr": "US", "Value": [100]}}
                """));

    assertThat(read).isNotNull();
    assertThat(read.origin()).containsExactly(-25, -32, 10.5);
    assertThat(read.rowSpacing()).isEqualTo(0.8);
    assertThat(read.columnSpacing()).isEqualTo(0.5);
    assertThat(SliceGeometry.of(json.readTree("{\"00080018\": {\"vr\": \"UI\"}}"))).isNull();
  }

  /**
   * An Enhanced CT of 100 x 80 pixels and three frames: orientation and pixel measures shared,
   * positions per frame, frame 2 with pixel measures of its own, frame 3 without a position.
   */
  private static final String ENHANCED_CT =
      """
      {"00080018": {"vr": "UI", "Value": ["1.2.3"]},
       "00280008": {"vr": "IS", "Value": [3]},
       "00280010": {"vr": "US", "Value": [80]},
       "00280011": {"vr": "US", "Value": [100]},
       "52009229": {"vr": "SQ", "Value": [{
         "00209116": {"vr": "SQ", "Value": [{"00200037": {"vr": "DS", "Value": [1, 0, 0, 0, 1, 0]}}]},
         "00289110": {"vr": "SQ", "Value": [{"00280030": {"vr": "DS", "Value": [0.8, 0.5]}}]}}]},
       "52009230": {"vr": "SQ", "Value": [
         {"00209113": {"vr": "SQ", "Value": [{"00200032": {"vr": "DS", "Value": [-25, -32, 14]}}]}},
         {"00209113": {"vr": "SQ", "Value": [{"00200032": {"vr": "DS", "Value": [-25, -32, "10"]}}]},
          "00289110": {"vr": "SQ", "Value": [{"00280030": {"vr": "DS", "Value": [0.6, 0.4]}}]}},
         {"00209111": {"vr": "SQ", "Value": [{"00209057": {"vr": "UL", "Value": [3]}}]}}]}}
      """;

  @Test
  void readsEachFramesGeometryFromItsOwnFunctionalGroupsElseTheSharedOnes() {
    JsonNode item = JsonMapper.builder().build().readTree(ENHANCED_CT);

    SliceGeometry first = SliceGeometry.ofFrame(item, 1);
    SliceGeometry second = SliceGeometry.ofFrame(item, 2);

    assertThat(first).isNotNull();
    assertThat(first.origin()).containsExactly(-25, -32, 14);
    assertThat(first.rowDirection()).containsExactly(1, 0, 0);
    assertThat(first.columnDirection()).containsExactly(0, 1, 0);
    assertThat(first.rowSpacing()).isEqualTo(0.8);
    assertThat(first.columnSpacing()).isEqualTo(0.5);
    assertThat(first.rows()).isEqualTo(80);
    assertThat(first.columns()).isEqualTo(100);
    assertThat(second).isNotNull();
    assertThat(second.origin()).containsExactly(-25, -32, 10);
    assertThat(second.rowSpacing()).isEqualTo(0.6);
    assertThat(second.columnSpacing()).isEqualTo(0.4);
    assertThat(second.rowDirection()).containsExactly(1, 0, 0);
    // no Plane Position (Patient) for frame 3, none shared: no place to draw on
    assertThat(SliceGeometry.ofFrame(item, 3)).isNull();
    // the top-level attributes of a multi-frame object say nothing of its frames
    assertThat(SliceGeometry.of(item)).isNull();
  }
}

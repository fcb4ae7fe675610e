package ai.stratum.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.stratum.gateway.console.FindingOverlays.Finding;
import ai.stratum.gateway.console.FindingOverlays.Overlay;
import ai.stratum.gateway.console.SeriesSlices.Slice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SeriesSlicesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Map<String, Object> attribute(String vr, Object... values) {
    return Map.of("vr", vr, "Value", List.of(values));
  }

  private static Map<String, Object> sequence(Map<String, Object> item) {
    return Map.of("vr", "SQ", "Value", List.of(item));
  }

  /** A single-frame axial slice of 64 x 64 pixels of 0.7 mm at height z. */
  private static JsonNode slice(String uid, int instanceNumber, double z) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("00080018", attribute("UI", uid));
    item.put("00200013", attribute("IS", instanceNumber));
    item.put("00200032", attribute("DS", -22.4, -22.4, z));
    item.put("00200037", attribute("DS", 1, 0, 0, 0, 1, 0));
    item.put("00280030", attribute("DS", 0.7, 0.7));
    item.put("00280010", attribute("US", 64));
    item.put("00280011", attribute("US", 64));
    return JSON.valueToTree(item);
  }

  /**
   * An axial Enhanced CT of 64 x 64 pixels of 0.7 mm whose frame f (from 1) lies at height {@code
   * heights[f - 1]}, or has no Plane Position (Patient) where that is NaN.
   */
  private static JsonNode enhancedCt(String uid, int instanceNumber, double... heights) {
    List<Map<String, Object>> perFrame = new ArrayList<>();
    for (double z : heights) {
      perFrame.add(
          Double.isNaN(z)
              ? Map.of("00209111", sequence(Map.of("00209057", attribute("UL", 1))))
              : Map.of("00209113", sequence(Map.of("00200032", attribute("DS", -22.4, -22.4, z)))));
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("00080018", attribute("UI", uid));
    item.put("00200013", attribute("IS", instanceNumber));
    item.put("00280008", attribute("IS", heights.length));
    item.put("00280010", attribute("US", 64));
    item.put("00280011", attribute("US", 64));
    item.put(
        "52009229",
        sequence(
            Map.of(
                "00209116", sequence(Map.of("00200037", attribute("DS", 1, 0, 0, 0, 1, 0))),
                "00289110", sequence(Map.of("00280030", attribute("DS", 0.7, 0.7))))));
    item.put("52009230", Map.of("vr", "SQ", "Value", perFrame));
    return JSON.valueToTree(item);
  }

  @Test
  void keepsSingleFrameInstancesInInstanceNumberOrder() {
    List<Slice> slices =
        SeriesSlices.of(List.of(slice("1.3", 3, -5), slice("1.1", 1, 0), slice("1.2", 2, -2.5)));

    assertThat(slices).extracting(Slice::instance).containsExactly("1.1", "1.2", "1.3");
    assertThat(slices).extracting(Slice::frame).containsOnlyNulls();
    assertThat(slices.get(1).geometry().origin()).containsExactly(-22.4, -22.4, -2.5);
  }

  @Test
  void makesEachFrameASliceOrderedAlongTheNormal() {
    // frames as a sender may shuffle them: heights 2.5, -2.5, 0, 5, -5
    List<Slice> slices = SeriesSlices.of(List.of(enhancedCt("1.9", 1, 2.5, -2.5, 0, 5, -5)));

    assertThat(slices).extracting(Slice::instance).containsOnly("1.9");
    assertThat(slices).extracting(Slice::frame).containsExactly(5, 2, 3, 1, 4);
    assertThat(slices)
        .extracting(slice -> slice.geometry().origin()[2])
        .containsExactly(-5.0, -2.5, 0.0, 2.5, 5.0);
  }

  @Test
  void placesAFindingOnTheFramesItMeetsThroughEachFramesGeometry() {
    List<Slice> slices = SeriesSlices.of(List.of(enhancedCt("1.9", 1, 2.5, -2.5, 0, 5, -5)));

    // 3 mm across at height 2.5 (frame 1, fourth along the normal), column 20, row 30
    Overlay overlay =
        FindingOverlays.of(
                slices.stream().map(Slice::geometry).toList(),
                List.of(new Finding("f1", -22.4 + 20 * 0.7, -22.4 + 30 * 0.7, 2.5, 3, 0.9)))
            .getFirst();

    // slabs of 2.5 mm: the neighbours' (|dz| - 1.25 = 1.25) still meet the 1.5 mm radius
    assertThat(overlay.centreSlice()).isEqualTo(3);
    assertThat(overlay.circles()).containsOnlyKeys(2, 3, 4);
    assertThat(slices.get(overlay.centreSlice()).frame()).isEqualTo(1);
    assertThat(overlay.circles().get(3).column()).isCloseTo(20, within(1e-9));
    assertThat(overlay.circles().get(3).row()).isCloseTo(30, within(1e-9));
    assertThat(overlay.circles().get(3).columnRadius()).isCloseTo(1.5 / 0.7, within(1e-9));
  }

  @Test
  void keepsFrameOrderWhenAFrameHasNoPositionAndGivesThatFrameNoGeometry() {
    List<Slice> slices =
        SeriesSlices.of(List.of(enhancedCt("1.9", 1, 2.5, Double.NaN, 0), slice("1.1", 2, -5)));

    assertThat(slices).extracting(Slice::frame).containsExactly(1, 2, 3, null);
    assertThat(slices).extracting(Slice::instance).containsExactly("1.9", "1.9", "1.9", "1.1");
    assertThat(slices.get(1).geometry()).isNull();
    assertThat(slices.get(2).geometry()).isNotNull();
  }

  @Test
  void treatsAOneFrameEnhancedCtAsAFrame() {
    List<Slice> slices = SeriesSlices.of(List.of(enhancedCt("1.9", 1, 7.5)));

    assertThat(slices)
        .singleElement()
        .satisfies(slice -> {
          assertThat(slice.frame()).isEqualTo(1);
          assertThat(slice.geometry().origin()).containsExactly(-22.4, -22.4, 7.5);
        });
  }
}

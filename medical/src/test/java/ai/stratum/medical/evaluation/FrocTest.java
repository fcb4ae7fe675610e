package ai.stratum.medical.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrocTest {

  @Test
  void countsAHitOnlyWithinTheNoduleRadiusAndEachNoduleOnce() {
    Froc froc = new Froc();
    froc.addScan(
        List.of(new Froc.Truth(0, 0, 0, 5), new Froc.Truth(50, 0, 0, 2)),
        List.of(
            new Froc.Detection(3, 0, 0, 0.9), // hit
            new Froc.Detection(0, 4, 0, 0.8), // second hit on the same nodule: ignored
            new Froc.Detection(50, 3, 0, 0.7))); // 3 mm from a 2 mm-radius nodule: false positive
    List<Froc.Point> curve = froc.curve();
    assertThat(curve.getLast().sensitivity()).isEqualTo(0.5);
    assertThat(curve.getLast().falsePositivesPerScan()).isEqualTo(1.0);
  }

  @Test
  void computesCpmAsTheMeanSensitivityAtSevenFalsePositiveRates() {
    Froc froc = new Froc();
    // two scans, four nodules; detections ranked so that FPs appear between hits
    froc.addScan(
        List.of(new Froc.Truth(0, 0, 0, 5), new Froc.Truth(100, 0, 0, 5)),
        List.of(
            new Froc.Detection(0, 0, 0, 0.95),
            new Froc.Detection(200, 0, 0, 0.9),
            new Froc.Detection(100, 0, 0, 0.5)));
    froc.addScan(
        List.of(new Froc.Truth(0, 0, 0, 5), new Froc.Truth(100, 0, 0, 5)),
        List.of(new Froc.Detection(0, 0, 0, 0.85), new Froc.Detection(300, 0, 0, 0.1)));
    // at 0 FPs: 1 of 4; after 1 FP (0.5/scan): 2 of 4; then 3 of 4; after 2 FPs (1/scan): 3 of 4
    assertThat(froc.sensitivityAt(0.125)).isEqualTo(0.25);
    assertThat(froc.sensitivityAt(0.5)).isEqualTo(0.75);
    assertThat(froc.sensitivityAt(8)).isEqualTo(0.75);
    assertThat(froc.cpm()).isCloseTo((0.25 + 0.25 + 0.75 * 5) / 7, within(1e-9));
  }
}

package ai.stratum.medical.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.medical.MedicalIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every sample file of pydicom's test data is either stored or refused with a reason. */
class PydicomSamplesTest extends MedicalIntegrationTest {

  private static final Path SAMPLES =
      Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  @Test
  void storesOrRefusesWithAReasonEverySampleFile() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(SAMPLES), "python3-pydicom not installed");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SAMPLES)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> stored = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Path file : files) {
      HttpResponse<String> response = stow("pydicom-samples", List.of(Files.readAllBytes(file)));
      assertThat(response.statusCode()).as("%s: %s", file, response.body()).isIn(200, 409);
      JsonNode body = DicomWebTest.json(response.body());
      if (response.statusCode() == 200) {
        stored.add(file.getFileName().toString());
      } else {
        JsonNode failure = body.get("00081198").get("Value").get(0);
        assertThat(failure.get("00081197").get("Value").get(0).asInt()).as("%s", file).isPositive();
        assertThat(failure.get("00000902").get("Value").get(0).asString())
            .as("%s", file)
            .isNotBlank();
        refused.add(
            file.getFileName() + ": " + failure.get("00000902").get("Value").get(0).asString());
      }
    }
    System.out.printf("pydicom samples: %d stored, %d refused%n", stored.size(), refused.size());
    refused.forEach(reason -> System.out.println("  refused " + reason));
    assertThat(stored).isNotEmpty();
    assertThat(get("pydicom-samples", "/actuator/health", "application/json").statusCode())
        .isEqualTo(200);
  }
}

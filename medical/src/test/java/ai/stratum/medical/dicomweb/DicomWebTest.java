package ai.stratum.medical.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.MedicalIntegrationTest;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DicomWebTest extends MedicalIntegrationTest {

  private static final String TENANT = "hospital-a";

  @Test
  void storesAStudyThenFindsAndRetrievesItOnlyForItsTenant() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(101));
    List<byte[]> slices = parts(series);

    HttpResponse<String> stored = stow(TENANT, slices);

    assertThat(stored.statusCode()).isEqualTo(200);
    JsonNode response = json(stored.body());
    assertThat(response.get("00081199").get("Value")).hasSize(20);
    assertThat(response.has("00081198")).isFalse();

    JsonNode studies =
        json(
            get(
                    TENANT,
                    "/dicomweb/studies?PatientID=" + series.spec().patientId(),
                    "application/dicom+json")
                .body());
    assertThat(studies).hasSize(1);
    assertThat(studies.get(0).get("0020000D").get("Value").get(0).asString())
        .isEqualTo(series.studyInstanceUid());
    assertThat(studies.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(20);
    assertThat(studies.get(0).get("00080061").get("Value").get(0).asString()).isEqualTo("CT");
    assertThat(
            json(
                get(
                        TENANT,
                        "/dicomweb/studies?PatientName=phantom*&StudyDate=20240101-",
                        "application/dicom+json")
                    .body()))
        .extracting(s -> s.get("0020000D").get("Value").get(0).asString())
        .contains(series.studyInstanceUid());

    String study = "/dicomweb/studies/" + series.studyInstanceUid();
    JsonNode seriesFound =
        json(get(TENANT, study + "/series?Modality=CT", "application/dicom+json").body());
    assertThat(seriesFound).hasSize(1);
    JsonNode instances =
        json(
            get(
                    TENANT,
                    study + "/series/" + series.seriesInstanceUid() + "/instances?limit=5&offset=2",
                    "application/dicom+json")
                .body());
    assertThat(instances).hasSize(5);
    assertThat(instances.get(0).get("00200013").get("Value").get(0).asInt()).isEqualTo(3);

    DicomObject third = series.slice(2);
    String instance =
        study
            + "/series/"
            + series.seriesInstanceUid()
            + "/instances/"
            + third.string(DicomTags.SOP_INSTANCE_UID).orElseThrow();
    HttpResponse<byte[]> retrieved =
        getBytes(TENANT, instance, "multipart/related; type=\"application/dicom\"");
    assertThat(retrieved.statusCode()).isEqualTo(200);
    assertThat(retrieved.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("multipart/related");
    assertThat(MultipartParts.split(retrieved))
        .singleElement()
        .satisfies(part -> assertThat(part).isEqualTo(third.toPart10()));
    assertThat(MultipartParts.split(getBytes(TENANT, study, "multipart/related"))).hasSize(20);

    JsonNode metadata = json(get(TENANT, instance + "/metadata", "application/dicom+json").body());
    assertThat(metadata.get(0).get("00280010").get("Value").get(0).asInt()).isEqualTo(64);
    assertThat(metadata.get(0).get("7FE00010").get("BulkDataURI").asString())
        .endsWith(third.string(DicomTags.SOP_INSTANCE_UID).orElseThrow());

    HttpResponse<byte[]> png =
        getBytes(TENANT, instance + "/rendered?window=-600,1500", "image/png");
    assertThat(png.statusCode()).isEqualTo(200);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(get(TENANT, instance + "/frames/1/rendered?window=40", "image/png").statusCode())
        .isEqualTo(400);

    assertThat(
            json(
                get(
                        "hospital-b",
                        "/dicomweb/studies?PatientID=" + series.spec().patientId(),
                        "application/dicom+json")
                    .body()))
        .isEmpty();
    HttpResponse<String> otherTenant = get("hospital-b", instance, "multipart/related");
    assertThat(otherTenant.statusCode()).isEqualTo(404);
    assertThat(otherTenant.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }

  @Test
  void storesTheSameInstanceOnceAndRefusesADifferentObjectUnderItsUid() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(102));
    byte[] original = series.slice(0).toPart10();
    assertThat(stow(TENANT, List.of(original)).statusCode()).isEqualTo(200);

    HttpResponse<String> again = stow(TENANT, List.of(original));
    assertThat(again.statusCode()).isEqualTo(200);

    byte[] tampered = original.clone();
    tampered[tampered.length - 3] ^= 0x7F;
    HttpResponse<String> conflict = stow(TENANT, List.of(tampered));
    assertThat(conflict.statusCode()).isEqualTo(409);
    JsonNode failed = json(conflict.body()).get("00081198").get("Value").get(0);
    assertThat(failed.get("00081197").get("Value").get(0).asInt()).isEqualTo(0x0111);
    assertThat(failed.get("00000902").get("Value").get(0).asString()).contains("already stored");

    String instance =
        "/dicomweb/studies/"
            + series.studyInstanceUid()
            + "/series/"
            + series.seriesInstanceUid()
            + "/instances/"
            + series.slice(0).string(DicomTags.SOP_INSTANCE_UID).orElseThrow();
    assertThat(MultipartParts.split(getBytes(TENANT, instance, "multipart/related")))
        .singleElement()
        .isEqualTo(original);
    JsonNode found =
        json(
            get(
                    TENANT,
                    "/dicomweb/studies/" + series.studyInstanceUid() + "/instances",
                    "application/dicom+json")
                .body());
    assertThat(found).hasSize(1);
  }

  @Test
  void reportsEachBadPartWithAReasonAndStoresTheGoodOnes() throws Exception {
    PhantomSeries series = PhantomSeries.of(PhantomSpec.small(103));
    byte[] good = series.slice(0).toPart10();
    byte[] truncated = Arrays.copyOf(series.slice(1).toPart10(), 3000);
    byte[] notDicom = "this is a text file, not DICOM".repeat(10).getBytes();
    byte[] unsupportedSyntax =
        replaceOnce(series.slice(2).toPart10(), "1.2.840.10008.1.2.1\0", "1.2.840.10008.1.2.7\0");
    List<byte[]> parts = new ArrayList<>(List.of(good, truncated, notDicom, unsupportedSyntax));

    HttpResponse<String> response = stow(TENANT, parts);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json(response.body());
    assertThat(body.get("00081199").get("Value")).hasSize(1);
    List<Integer> reasons = new ArrayList<>();
    body.get("00081198")
        .get("Value")
        .forEach(item -> reasons.add(item.get("00081197").get("Value").get(0).asInt()));
    assertThat(reasons).containsExactly(0xC000, 0xC000, 0xC122);
    assertThat(
            body.get("00081198").get("Value").get(0).get("00000902").get("Value").get(0).asString())
        .containsIgnoringCase("truncated");
  }

  @Test
  void answersRequestsItCannotServeWithProblemDetails() throws Exception {
    HttpResponse<String> noTenant =
        HTTP.send(
            HttpRequest.newBuilder(uri("/dicomweb/studies")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noTenant.statusCode()).isEqualTo(400);
    assertThat(noTenant.body()).contains("tenant-required");

    HttpResponse<String> notMultipart =
        HTTP.send(
            HttpRequest.newBuilder(uri("/dicomweb/studies"))
                .header(TENANT_HEADER, TENANT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notMultipart.statusCode()).isEqualTo(415);
    assertThat(notMultipart.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");

    HttpResponse<String> badKey =
        get(TENANT, "/dicomweb/studies?NoSuchKeyword=1", "application/dicom+json");
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(badKey.body()).contains("NoSuchKeyword");

    assertThat(
            get(TENANT, "/dicomweb/studies/1.2.3.4/metadata", "application/dicom+json")
                .statusCode())
        .isEqualTo(404);
  }

  static JsonNode json(String body) {
    return StratumJson.mapper().readTree(body);
  }

  static byte[] replaceOnce(byte[] data, String from, String to) {
    byte[] pattern = from.getBytes();
    for (int i = 0; i < data.length - pattern.length; i++) {
      if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
        byte[] copy = data.clone();
        System.arraycopy(to.getBytes(), 0, copy, i, pattern.length);
        return copy;
      }
    }
    throw new AssertionError("pattern not found");
  }

  static DicomObject read(byte[] part10) {
    return Dicom.reader().read(part10);
  }
}

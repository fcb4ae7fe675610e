package ai.stratum.medical.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.DicomTools;
import ai.stratum.medical.MedicalIntegrationTest;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dimse.DimseReceiver;
import ai.stratum.medical.phantom.EnhancedCt;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One phantom chest CT sent three ways into one study: as single-frame slices by STOW-RS, and as an
 * Enhanced CT object (frames in another order, geometry in functional groups) by DCMTK storescu and
 * by STOW-RS. All three make the same volume and the same findings; the Enhanced CT gets its SR and
 * WADO-RS frames. Enhanced CT with bad functional-group geometry is refused with the reason and
 * harms nothing stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnhancedCtTest extends MedicalIntegrationTest {

  private static final String TENANT = "hospital-e";
  private static final String DICOM_JSON = "application/dicom+json";
  private static final int FAILURE_REASON_A900 = 0xA900;

  @Autowired DimseReceiver receiver;
  @Autowired JdbcClient jdbc;

  private PhantomSeries chest;
  private List<DicomObject> slices;
  private DicomObject overDimse;
  private DicomObject overStow;
  private JsonNode reports;

  @BeforeAll
  void sendTheSeriesAsSlicesAndAsEnhancedCtOverDimseAndStow() throws Exception {
    chest = PhantomSeries.of(new PhantomSpec(128, 48, 2.5, 4, 10, 13, "ENHANCED-13"));
    slices = IntStream.range(0, 48).mapToObj(chest::slice).toList();
    List<EnhancedCt.Frame> reversed =
        new ArrayList<>(slices.stream().map(EnhancedCt.Frame::of).toList());
    Collections.reverse(reversed);
    overDimse = EnhancedCt.of(reversed, uid("dimse-series"), uid("dimse-instance"));
    List<EnhancedCt.Frame> shuffled = new ArrayList<>(reversed);
    Collections.shuffle(shuffled, new Random(13));
    overStow = EnhancedCt.of(shuffled, uid("stow-series"), uid("stow-instance"));

    assertThat(stow(TENANT, slices.stream().map(DicomObject::toPart10).toList()).statusCode())
        .isEqualTo(200);
    Path directory = Files.createTempDirectory("enhanced-ct");
    Path file = directory.resolve("enhanced.dcm");
    Files.write(file, overDimse.toPart10());
    DicomTools.Run sent = storescu(file, "-v");
    assertThat(sent.exitCode()).as(sent.output()).isZero();
    assertThat(stow(TENANT, List.of(overStow.toPart10())).statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          HttpResponse<String> response =
              get(
                  TENANT,
                  "/api/medical/studies/" + chest.studyInstanceUid() + "/report",
                  "application/json");
          assertThat(response.statusCode()).isEqualTo(200);
          JsonNode found = StratumJson.mapper().readTree(response.body()).get("reports");
          assertThat(found).hasSize(3);
          assertThat(found.valueStream())
              .allSatisfy(r -> assertThat(r.get("srSopInstanceUid").isString()).isTrue());
          reports = found;
        });
  }

  @Test
  void buildsTheSameVolumeFromEnhancedCtFramesAsFromTheSingleFrameSlices() {
    Map<String, Object> single = volume(chest.seriesInstanceUid());
    for (DicomObject enhanced : List.of(overDimse, overStow)) {
      Map<String, Object> volume = volume(seriesOf(enhanced));
      assertThat(volume.get("status")).isEqualTo("ready");
      for (String column : List.of("content_address", "columns", "rows", "slices")) {
        assertThat(volume.get(column)).as(column).isEqualTo(single.get(column));
      }
      for (String column : List.of("spacing", "origin", "direction")) {
        assertThat(doubles(volume.get(column)))
            .as(column)
            .containsExactly(doubles(single.get(column)), Offset.offset(1e-9));
      }
    }
  }

  @Test
  void findsTheSameNodulesInTheEnhancedCtAsInTheSingleFrameSeries() {
    JsonNode single = report(chest.seriesInstanceUid());
    assertThat(single.get("status").asString()).isEqualTo("analysed");
    assertThat(single.get("findings")).isNotEmpty();
    for (DicomObject enhanced : List.of(overDimse, overStow)) {
      JsonNode report = report(seriesOf(enhanced));
      assertThat(report.get("status").asString()).isEqualTo("analysed");
      assertThat(findings(report)).isEqualTo(findings(single));
    }
  }

  @Test
  void referencesTheMultiFrameInstanceInAStructuredReportThatDciodvfyAccepts(
      @TempDir Path directory) throws Exception {
    JsonNode report = report(seriesOf(overDimse));
    String srSeries = report.get("srSeriesInstanceUid").asString();
    String sr = report.get("srSopInstanceUid").asString();
    String instancePath =
        "/dicomweb/studies/"
            + chest.studyInstanceUid()
            + "/series/"
            + srSeries
            + "/instances/"
            + sr;
    String metadata = get(TENANT, instancePath + "/metadata", DICOM_JSON).body();
    assertThat(metadata)
        .contains(FrameGeometry.ENHANCED_CT_IMAGE_STORAGE)
        .contains(overDimse.string(DicomTags.SOP_INSTANCE_UID).orElseThrow())
        .contains(overDimse.string(DicomTags.FRAME_OF_REFERENCE_UID).orElseThrow());
    HttpResponse<byte[]> retrieved =
        getBytes(TENANT, instancePath, "multipart/related; type=\"application/dicom\"");
    assertThat(retrieved.statusCode()).isEqualTo(200);
    Path file = directory.resolve("sr.dcm");
    Files.write(file, parts(retrieved).getFirst());
    if (Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
      DicomTools.Run verified = DicomTools.run("/usr/bin/dciodvfy", file.toString());
      assertThat(verified.output().lines().filter(line -> line.startsWith("Error")))
          .as(verified.output())
          .isEmpty();
    }
  }

  @Test
  void servesTheEnhancedCtInstanceItsFramesAndRenderedFramesByWadoRs() throws Exception {
    String path =
        "/dicomweb/studies/"
            + chest.studyInstanceUid()
            + "/series/"
            + seriesOf(overStow)
            + "/instances/"
            + overStow.string(DicomTags.SOP_INSTANCE_UID).orElseThrow();
    HttpResponse<byte[]> instance =
        getBytes(TENANT, path, "multipart/related; type=\"application/dicom\"");
    assertThat(instance.statusCode()).isEqualTo(200);
    DicomObject retrieved = Dicom.reader().read(parts(instance).getFirst());
    assertThat(retrieved.numberOfFrames()).isEqualTo(48);
    assertThat(retrieved.toPart10()).isEqualTo(overStow.toPart10());

    HttpResponse<byte[]> frames =
        getBytes(
            TENANT, path + "/frames/1,48", "multipart/related; type=\"application/octet-stream\"");
    assertThat(frames.statusCode()).isEqualTo(200);
    assertThat(frames.headers().firstValue("Content-Type").orElseThrow())
        .contains("application/octet-stream");
    List<byte[]> frameParts = parts(frames);
    assertThat(frameParts).hasSize(2);
    assertThat(frameParts.get(0)).isEqualTo(littleEndian(overStow.frame(0).samples()));
    assertThat(frameParts.get(1)).isEqualTo(littleEndian(overStow.frame(47).samples()));

    // the frame's own rescale and window (functional groups) render it as the slice it came from
    int frame = 20;
    byte[] framePixels = littleEndian(overStow.frame(frame - 1).samples());
    DicomObject source =
        slices.stream()
            .filter(
                candidate -> Arrays.equals(littleEndian(candidate.frame(0).samples()), framePixels))
            .findFirst()
            .orElseThrow();
    String slicePath =
        "/dicomweb/studies/"
            + chest.studyInstanceUid()
            + "/series/"
            + chest.seriesInstanceUid()
            + "/instances/"
            + source.string(DicomTags.SOP_INSTANCE_UID).orElseThrow();
    for (String window : List.of("", "?window=40,400")) {
      HttpResponse<byte[]> rendered =
          getBytes(TENANT, path + "/frames/" + frame + "/rendered" + window, "image/png");
      assertThat(rendered.statusCode()).isEqualTo(200);
      assertThat(Arrays.copyOfRange(rendered.body(), 1, 4))
          .isEqualTo("PNG".getBytes(StandardCharsets.US_ASCII));
      assertThat(rendered.body())
          .as("frame %d rendered%s", frame, window)
          .isEqualTo(getBytes(TENANT, slicePath + "/rendered" + window, "image/png").body());
    }
    assertThat(getBytes(TENANT, path + "/frames/49/rendered", "image/png").statusCode())
        .isEqualTo(404);
    assertThat(getBytes(TENANT, path + "/frames/0", "application/octet-stream").statusCode())
        .isEqualTo(400);
  }

  @Test
  void keepsServingSingleFrameMetadataWithTheImagePlaneAttributes() throws Exception {
    JsonNode metadata =
        StratumJson.mapper()
            .readTree(
                get(
                        TENANT,
                        "/dicomweb/studies/"
                            + chest.studyInstanceUid()
                            + "/series/"
                            + chest.seriesInstanceUid()
                            + "/metadata",
                        DICOM_JSON)
                    .body());
    assertThat(metadata).hasSize(48);
    assertThat(metadata.get(0).has("00200032")).isTrue();
    assertThat(metadata.get(0).has("00200037")).isTrue();
    assertThat(metadata.get(0).has("00280030")).isTrue();
    assertThat(metadata.get(0).get("7FE00010").has("BulkDataURI")).isTrue();
  }

  @Test
  void refusesEnhancedCtWithBadFunctionalGroupGeometryOverStowAndDimseAndKeepsWhatIsStored()
      throws Exception {
    int storedBefore = instanceCount();
    List<EnhancedCt.Frame> frames =
        new ArrayList<>(slices.stream().map(EnhancedCt.Frame::of).toList());
    // the stored Enhanced CT's UID on an object whose frame 11 repeats frame 10's position
    frames.set(10, new EnhancedCt.Frame(slices.get(10), frames.get(9).position()));
    String storedUid = overStow.string(DicomTags.SOP_INSTANCE_UID).orElseThrow();
    DicomObject duplicate = EnhancedCt.of(frames, seriesOf(overStow), storedUid);

    HttpResponse<String> refused = stow(TENANT, List.of(duplicate.toPart10()));
    assertThat(refused.statusCode()).isEqualTo(409);
    JsonNode failure =
        StratumJson.mapper().readTree(refused.body()).get("00081198").get("Value").get(0);
    assertThat(failure.get("00081197").get("Value").get(0).asInt()).isEqualTo(FAILURE_REASON_A900);
    assertThat(failure.get("00000902").get("Value").get(0).asString())
        .contains("Frame 10 of instance " + storedUid)
        .contains("frame 11")
        .contains("same position");

    List<EnhancedCt.Frame> unplaced =
        new ArrayList<>(slices.stream().map(EnhancedCt.Frame::of).toList());
    unplaced.set(5, new EnhancedCt.Frame(slices.get(5), null));
    DicomObject withoutPosition = EnhancedCt.of(unplaced, uid("bad-series"), uid("bad-instance"));
    Path file = Files.createTempDirectory("enhanced-ct-bad").resolve("bad.dcm");
    Files.write(file, withoutPosition.toPart10());
    // -d shows the whole C-STORE response, with its Error Comment
    DicomTools.Run dimse = storescu(file, "-d");
    assertThat(dimse.output())
        .containsPattern("DIMSE Status\\s+: 0xa900")
        .contains("Frame 6 of instance");
    HttpResponse<String> refusedToo = stow(TENANT, List.of(withoutPosition.toPart10()));
    assertThat(refusedToo.body()).contains("Frame 6 of instance").contains("Plane Position");

    assertThat(instanceCount()).isEqualTo(storedBefore);
    HttpResponse<byte[]> kept =
        getBytes(
            TENANT,
            "/dicomweb/studies/"
                + chest.studyInstanceUid()
                + "/series/"
                + seriesOf(overStow)
                + "/instances/"
                + storedUid,
            "multipart/related; type=\"application/dicom\"");
    assertThat(parts(kept).getFirst()).isEqualTo(overStow.toPart10());
  }

  private int instanceCount() throws Exception {
    return StratumJson.mapper()
        .readTree(
            get(
                    TENANT,
                    "/dicomweb/studies?StudyInstanceUID=" + chest.studyInstanceUid(),
                    DICOM_JSON)
                .body())
        .get(0)
        .get("00201208")
        .get("Value")
        .get(0)
        .asInt();
  }

  private Map<String, Object> volume(String series) {
    return jdbc.sql("select * from volume where tenant = ? and series_uid = ?")
        .params(TENANT, series)
        .query()
        .singleRow();
  }

  private JsonNode report(String series) {
    return reports
        .valueStream()
        .filter(r -> r.get("seriesInstanceUid").asString().equals(series))
        .findFirst()
        .orElseThrow();
  }

  /** Position, size, type and probability of each finding, rounded past float noise. */
  private static List<String> findings(JsonNode report) {
    return report
        .get("findings")
        .valueStream()
        .map(f ->
            String.format(
                "%.2f %.2f %.2f %.2f %.1f %s %.4f",
                f.get("x").asDouble(),
                f.get("y").asDouble(),
                f.get("z").asDouble(),
                f.get("diameterMm").asDouble(),
                f.get("volumeMm3").asDouble(),
                f.get("attenuation").asString(),
                f.get("probability").asDouble()))
        .sorted()
        .toList();
  }

  private static double[] doubles(Object sqlArray) {
    try {
      Object[] values = (Object[]) ((java.sql.Array) sqlArray).getArray();
      return Arrays.stream(values).mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String seriesOf(DicomObject object) {
    return object.string(DicomTags.SERIES_INSTANCE_UID).orElseThrow();
  }

  private static String uid(String label) {
    return PhantomSeries.uid(13, "enhanced-" + label);
  }

  private static byte[] littleEndian(int[] samples) {
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int sample : samples) {
      bytes.putShort((short) sample);
    }
    return bytes.array();
  }

  /** The parts of a multipart/related response. */
  private static List<byte[]> parts(HttpResponse<byte[]> response) {
    String contentType = response.headers().firstValue("Content-Type").orElseThrow();
    String boundary = "--" + contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
    byte[] body = response.body();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    List<byte[]> parts = new ArrayList<>();
    int at = text.indexOf(boundary);
    while (at >= 0 && !text.startsWith(boundary + "--", at)) {
      int start = text.indexOf("\r\n\r\n", at) + 4;
      int end = text.indexOf("\r\n" + boundary, start);
      parts.add(Arrays.copyOfRange(body, start, end));
      at = end + 2;
    }
    return parts;
  }

  private DicomTools.Run storescu(Path file, String verbosity) throws Exception {
    return DicomTools.run(
        "storescu",
        "-aec",
        "STRATUM",
        "-aet",
        "ENHANCED-CT",
        verbosity,
        "localhost",
        String.valueOf(receiver.port()),
        file.toString());
  }
}

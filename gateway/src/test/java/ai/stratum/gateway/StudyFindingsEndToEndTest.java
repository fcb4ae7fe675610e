package ai.stratum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKeys;
import ai.stratum.gateway.security.ConsoleUsers;
import ai.stratum.gateway.tenancy.Tenants;
import ai.stratum.medical.MedicalApplication;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicomweb.StowBody;
import ai.stratum.medical.phantom.EnhancedCt;
import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import ai.stratum.test.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The study viewer in front of the real medical service (started here on the same PostgreSQL and
 * Kafka, with the committed nodule CNN): a phantom chest CT stored through the gateway by STOW-RS
 * is analysed, and its findings show on the slices, where a clinician confirms one; the same for
 * the chest as one Enhanced CT, whose frames are the slices.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StudyFindingsEndToEndTest {

  private static final String PASSWORD = "correct horse battery";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ConfigurableApplicationContext medical;

  @DynamicPropertySource
  static void medicalUpstream(DynamicPropertyRegistry registry) {
    registry.add(
        "stratum.gateway.routing.routes.medical.upstream",
        () ->
            "http://localhost:"
                + ((WebServerApplicationContext) medical()).getWebServer().getPort());
  }

  private static synchronized ConfigurableApplicationContext medical() {
    if (medical == null) {
      medical =
          new SpringApplicationBuilder(MedicalApplication.class)
              .run(
                  "--server.port=0",
                  "--stratum.medical.dimse.port=0",
                  "--stratum.core.storage.root=target/e2e-medical-storage",
                  "--stratum.medical.volumes.quiet-period=1s",
                  "--stratum.medical.volumes.poll-interval=500ms",
                  "--stratum.medical.volumes.isotropic-spacing-mm=2.0",
                  "--stratum.medical.detection.model-artifact="
                      + "../models/medical/nodule-cnn/artifact.zip");
    }
    return medical;
  }

  @AfterAll
  static void stopMedical() {
    if (medical != null) {
      medical.close();
      medical = null;
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired Tenants tenants;
  @Autowired ConsoleUsers users;
  @Autowired ApiKeys apiKeys;

  @Test
  void clinicianSeesTheAnalysedStudysFindingOnItsSliceAndConfirmsIt() throws Exception {
    assumeTrue(ConsoleBrowser.installed(), "chromium and chromium-driver are not installed");
    Hospital hospital = newHospital();
    String clinician = hospital.clinician();
    String key = hospital.apiKey();
    PhantomSeries chest =
        PhantomSeries.of(new PhantomSpec(128, 48, 2.5, 4, 10, 12, "E2E-" + hospital.suffix()));

    assertThat(stow(key, chest).statusCode()).isEqualTo(200);
    JsonNode finding = awaitFirstFinding(key, chest.studyInstanceUid()).get("findings").get(0);
    String findingId = finding.get("id").asString();

    try (ConsoleBrowser console = ConsoleBrowser.start()) {
      WebDriver browser = console.driver();
      openSeries(console, clinician, chest);
      WebElement circle =
          goToFinding(console, findingId, "console-series-finding-real-medical.png");
      assertThat(Double.parseDouble(circle.getAttribute("rx"))).isPositive();
      browser.findElement(By.id("confirm-" + findingId)).click();
      console
          .await()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.className("message"), "Finding confirmed"));
    }

    HttpResponse<String> verdicts =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/medical/findings/" + findingId + "/feedback"))
                .header(ApiKeys.HEADER, key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(verdicts.statusCode()).isEqualTo(200);
    JsonNode history = StratumJson.mapper().readTree(verdicts.body());
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("verdict").asString()).isEqualTo("CONFIRMED");
    assertThat(history.get(0).get("clinician").asString()).isEqualTo("user:" + clinician);
  }

  @Test
  void clinicianScrollsTheFramesOfAnAnalysedEnhancedCtToItsFinding() throws Exception {
    assumeTrue(ConsoleBrowser.installed(), "chromium and chromium-driver are not installed");
    Hospital hospital = newHospital();
    String clinician = hospital.clinician();
    String key = hospital.apiKey();
    PhantomSeries chest =
        PhantomSeries.of(new PhantomSpec(128, 48, 2.5, 4, 10, 13, "E2E-MF-" + hospital.suffix()));
    DicomObject enhanced = enhancedCt(chest);
    String instance = enhanced.string(DicomTags.SOP_INSTANCE_UID).orElseThrow();

    assertThat(stow(key, List.of(enhanced.toPart10())).statusCode()).isEqualTo(200);
    JsonNode finding = awaitFirstFinding(key, chest.studyInstanceUid()).get("findings").get(0);
    String findingId = finding.get("id").asString();

    try (ConsoleBrowser console = ConsoleBrowser.start()) {
      WebDriver browser = console.driver();
      openSeries(console, clinician, chest);
      assertThat(browser.findElement(By.id("slice-label")).getText()).isEqualTo("1 / 48");
      WebElement circle =
          goToFinding(console, findingId, "console-enhanced-ct-finding-real-medical.png");
      assertThat(Double.parseDouble(circle.getAttribute("rx"))).isPositive();
      String source = browser.findElement(By.id("slice")).getAttribute("src");
      Matcher frame =
          Pattern.compile("/instances/" + Pattern.quote(instance) + "/frames/([0-9]+)/rendered")
              .matcher(source);
      assertThat(frame.find()).as(source).isTrue();
      // frames are stored head last: frame f holds slice 48 - f, the one nearest the centre
      double frameZ =
          chest.slice(48 - Integer.parseInt(frame.group(1)))
              .doubles(DicomTags.IMAGE_POSITION_PATIENT)[2];
      assertThat(Math.abs(frameZ - finding.get("z").asDouble())).isLessThanOrEqualTo(1.25);
    }
  }

  /** A new hospital tenant with a clinician (password {@link #PASSWORD}) and a PACS API key. */
  private Hospital newHospital() {
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    TenantId tenant = TenantId.of("hospital-" + suffix);
    tenants.create(tenant, "Hospital " + suffix, "test");
    String clinician = "clinician-" + suffix;
    users.create(clinician, tenant, Set.of(Role.CLINICIAN), PASSWORD, "test");
    String key = apiKeys.create(tenant, "pacs", Set.of(Role.CLINICIAN), "test").token();
    return new Hospital(suffix, clinician, key);
  }

  private record Hospital(String suffix, String clinician, String apiKey) {}

  /** Logs the clinician in and opens the series in the viewer. */
  private void openSeries(ConsoleBrowser console, String clinician, PhantomSeries chest) {
    console.logIn("http://localhost:" + port, clinician, PASSWORD);
    console
        .driver()
        .get(
            "http://localhost:"
                + port
                + "/console/studies/"
                + chest.studyInstanceUid()
                + "/series/"
                + chest.seriesInstanceUid());
  }

  /**
   * Jumps to the finding's slice and waits for its circle and the slice's image; returns the
   * circle.
   */
  private static WebElement goToFinding(ConsoleBrowser console, String findingId, String screenshot)
      throws IOException {
    console.driver().findElement(By.id("goto-" + findingId)).click();
    WebElement circle =
        console
            .await()
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#overlay ellipse.finding[data-finding='" + findingId + "']")));
    console
        .await()
        .until(driver ->
            (Boolean)
                console.script(
                    "const i = document.getElementById('slice');"
                        + " return i.complete && i.naturalWidth === 128;"));
    console.screenshot(screenshot);
    return circle;
  }

  /** The phantom's slices as one Enhanced CT object, frames from the last slice to the first. */
  private static DicomObject enhancedCt(PhantomSeries chest) {
    List<EnhancedCt.Frame> frames = new ArrayList<>();
    for (int slice = chest.spec().slices() - 1; slice >= 0; slice--) {
      frames.add(EnhancedCt.Frame.of(chest.slice(slice)));
    }
    return EnhancedCt.of(
        frames, chest.seriesInstanceUid(), PhantomSeries.uid(chest.spec().seed(), "enhanced-ct"));
  }

  /** STOW-RS of the whole series through the gateway, as a PACS with the API key would. */
  private HttpResponse<String> stow(String key, PhantomSeries series) throws Exception {
    List<byte[]> instances = new ArrayList<>();
    for (int i = 0; i < series.spec().slices(); i++) {
      instances.add(series.slice(i).toPart10());
    }
    return stow(key, instances);
  }

  private HttpResponse<String> stow(String key, List<byte[]> instances) throws Exception {
    StowBody body = StowBody.of(instances);
    return HTTP.send(
        HttpRequest.newBuilder(uri("/dicomweb/studies"))
            .header(ApiKeys.HEADER, key)
            .header("Content-Type", body.contentType())
            .header("Accept", "application/dicom+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The study's latest report once it has a finding, read through the gateway. */
  private JsonNode awaitFirstFinding(String key, String study) {
    AtomicReference<JsonNode> report = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          HttpResponse<String> response =
              HTTP.send(
                  HttpRequest.newBuilder(uri("/api/medical/studies/" + study + "/report"))
                      .header(ApiKeys.HEADER, key)
                      .header("Accept", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).isEqualTo(200);
          JsonNode latest = StratumJson.mapper().readTree(response.body()).get("reports").get(0);
          assertThat(latest.get("findings")).isNotEmpty();
          report.set(latest);
        });
    return report.get();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}

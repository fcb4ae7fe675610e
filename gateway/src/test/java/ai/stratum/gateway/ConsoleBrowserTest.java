package ai.stratum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ConsoleUsers;
import ai.stratum.gateway.tenancy.Tenants;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in headless Chromium ({@link ConsoleBrowser}) in front of {@link ConsoleBackends}.
 * Screenshots go to {@code target/screenshots}. Skipped only where the browser is not installed.
 */
class ConsoleBrowserTest extends GatewayTestSupport {

  private static final String PASSWORD = "correct horse battery";

  @Autowired ConsoleUsers users;

  private ConsoleBrowser console;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws IOException {
    assumeTrue(ConsoleBrowser.installed(), "chromium and chromium-driver are not installed");
    console = ConsoleBrowser.start();
    browser = console.driver();
    wait = console.await();
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void adminLogsInCreatesAnApiKeyThatWorksAndVerifiesTheAuditChain() throws Exception {
    String admin = newUsername();
    users.create(admin, Tenants.PLATFORM, Set.of(Role.ADMIN), PASSWORD, "test");
    TenantId hospital = newTenant();

    logIn(admin);
    browser.get(uri("/console/tenants/" + hospital).toString());
    browser.findElement(By.id("key-name")).sendKeys("PACS uploader");
    browser.findElement(By.id("role-CLINICIAN")).click();
    browser.findElement(By.id("create-key")).click();
    String token =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token"))).getText();
    screenshot("console-api-key-created.png");

    assertThat(token).startsWith("stratum_");
    assertThat(send(withKey("/api/medical/studies", token)).statusCode()).isEqualTo(200);

    browser.get(uri("/console/audit?tenant=" + hospital).toString());
    assertThat(browser.findElement(By.tagName("table")).getText()).contains("api-key.created");
    browser.findElement(By.id("verify")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("verification"), "Chain intact"));
    screenshot("console-audit-verified.png");
  }

  @Test
  void clinicianCannotOpenTheAdminPagesAndLosesTheSessionWhenDisabled() throws Exception {
    String clinician = newUsername();
    users.create(clinician, newTenant(), Set.of(Role.CLINICIAN), PASSWORD, "test");

    logIn(clinician);
    browser.get(uri("/console/users").toString());

    assertThat(browser.getPageSource()).contains("\"status\":403");
    browser.get(uri("/console").toString());
    assertThat(browser.findElements(By.linkText("Users & roles"))).isEmpty();
    screenshot("console-clinician-home.png");

    users.setEnabled(clinician, false, "test");
    browser.get(uri("/console").toString());
    wait.until(ExpectedConditions.urlContains("/console/login"));
  }

  @Test
  void wrongPasswordKeepsTheUserOnTheLoginPage() {
    String admin = newUsername();
    users.create(admin, Tenants.PLATFORM, Set.of(Role.ADMIN), PASSWORD, "test");

    browser.get(uri("/console/login").toString());
    browser.findElement(By.id("username")).sendKeys(admin);
    browser.findElement(By.id("password")).sendKeys("not the password");
    browser.findElement(By.id("login")).click();

    wait.until(ExpectedConditions.urlContains("/console/login?error"));
    assertThat(browser.findElement(By.className("error")).getText())
        .contains("Wrong username or password");
  }

  @Test
  void clinicianOpensAStudyAndScrollsItsSlicesWithWindowLevel() throws Exception {
    TenantId hospital = newTenant();
    String clinician = newUsername();
    users.create(clinician, hospital, Set.of(Role.CLINICIAN), PASSWORD, "test");
    ConsoleBackends backends = TenantScopedUpstream.get().consoleBackends();
    ConsoleBackends.Series series = backends.publish(hospital, 12);

    logIn(clinician);
    browser.findElement(By.linkText("Studies")).click();
    browser.findElement(By.linkText("PHANTOM-1")).click();
    browser.findElement(By.linkText("Axial 1.25 mm")).click();
    awaitSlice(series.instances().get(0), "-600%2C1500");
    screenshot("console-series-first-slice.png");

    for (int i = 0; i < 5; i++) {
      new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
    }
    awaitSlice(series.instances().get(5), "-600%2C1500");
    new Actions(browser)
        .scrollFromOrigin(
            WheelInput.ScrollOrigin.fromElement(browser.findElement(By.id("slice"))), 0, 120)
        .perform();
    awaitSlice(series.instances().get(6), "-600%2C1500");
    new Select(browser.findElement(By.id("window-preset")))
        .selectByVisibleText("Mediastinum (C 40, W 400)");
    awaitSlice(series.instances().get(6), "40%2C400");
    screenshot("console-series-slice-7-mediastinum.png");

    assertThat(browser.findElement(By.id("slice-label")).getText()).isEqualTo("7 / 12");
    assertThat(backends.renders())
        .contains(
            new ConsoleBackends.RenderRequest(
                hospital.value(), series.instances().get(6), null, "40,400"))
        .allSatisfy(render -> assertThat(render.tenant()).isEqualTo(hospital.value()));
  }

  @Test
  void clinicianSeesAFindingCircledOnTheSlicesItMeetsJumpsToItAndConfirmsIt() throws Exception {
    TenantId hospital = newTenant();
    String clinician = newUsername();
    users.create(clinician, hospital, Set.of(Role.CLINICIAN), PASSWORD, "test");
    ConsoleBackends backends = TenantScopedUpstream.get().consoleBackends();
    ConsoleBackends.Series series = backends.publish(hospital, 12);
    // 5 mm across, centred on slice 9 (index 8) at column 40, row 24: slabs of 1.25 mm meet it
    // on indexes 6 to 10
    ConsoleBackends.Finding finding = backends.reportFinding(hospital, series, 8, 40, 24, 5.0);

    logIn(clinician);
    browser.get(
        uri("/console/studies/" + series.study() + "/series/" + series.series()).toString());
    awaitSlice(series.instances().get(0), "-600%2C1500");
    assertThat(browser.findElements(By.cssSelector("#overlay ellipse"))).isEmpty();
    browser.findElement(By.id("goto-" + finding.id())).click();
    awaitSlice(series.instances().get(8), "-600%2C1500");

    WebElement circle =
        browser.findElement(
            By.cssSelector("#overlay ellipse.finding[data-finding='" + finding.id() + "']"));
    assertThat(browser.findElement(By.id("slice-label")).getText()).isEqualTo("9 / 12");
    assertThat(Double.parseDouble(circle.getAttribute("cx"))).isCloseTo(40.5, within(1e-6));
    assertThat(Double.parseDouble(circle.getAttribute("cy"))).isCloseTo(24.5, within(1e-6));
    assertThat(Double.parseDouble(circle.getAttribute("rx")))
        .isCloseTo(2.5 / ConsoleBackends.PIXEL_MM, within(1e-6));
    screenshot("console-series-finding.png");
    new Actions(browser).sendKeys(Keys.ARROW_DOWN).sendKeys(Keys.ARROW_DOWN).perform();
    awaitSlice(series.instances().get(10), "-600%2C1500");
    assertThat(browser.findElements(By.cssSelector("#overlay ellipse.finding"))).hasSize(1);
    new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
    awaitSlice(series.instances().get(11), "-600%2C1500");
    assertThat(browser.findElements(By.cssSelector("#overlay ellipse.finding"))).isEmpty();

    browser.findElement(By.id("confirm-" + finding.id())).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.className("message"), "Finding confirmed"));
    awaitSlice(series.instances().get(8), "-600%2C1500");
    screenshot("console-series-finding-confirmed.png");
    assertThat(backends.feedback())
        .containsExactly(
            new ConsoleBackends.Feedback(
                hospital.value(), finding.id(), "CONFIRMED", "user:" + clinician));
  }

  @Test
  void clinicianScrollsTheFramesOfAnEnhancedCtAlongTheNormalWithTheFindingOnTheFramesItMeets()
      throws Exception {
    TenantId hospital = newTenant();
    String clinician = newUsername();
    users.create(clinician, hospital, Set.of(Role.CLINICIAN), PASSWORD, "test");
    ConsoleBackends backends = TenantScopedUpstream.get().consoleBackends();
    ConsoleBackends.Series series = backends.publishEnhanced(hospital, 12);
    String instance = series.instances().getFirst();
    // frames are shown going up (ascending along the normal): level 11 first, level 8 at index 3;
    // 5 mm across at level 8: the slabs of levels 6 to 10 (indexes 1 to 5) meet it
    ConsoleBackends.Finding finding = backends.reportFinding(hospital, series, 8, 40, 24, 5.0);

    logIn(clinician);
    browser.findElement(By.linkText("Studies")).click();
    browser.findElement(By.linkText("PHANTOM-1")).click();
    browser.findElement(By.linkText("Axial 1.25 mm")).click();
    for (int index = 0; index < 12; index++) {
      awaitFrame(instance, series.frameAt(11 - index), "-600%2C1500");
      assertThat(browser.findElement(By.id("slice-label")).getText())
          .isEqualTo((index + 1) + " / 12");
      assertThat(browser.findElements(By.cssSelector("#overlay ellipse.finding")))
          .hasSize(index >= 1 && index <= 5 ? 1 : 0);
      new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
    }

    browser.findElement(By.id("goto-" + finding.id())).click();
    awaitFrame(instance, series.frameAt(8), "-600%2C1500");
    WebElement circle =
        browser.findElement(
            By.cssSelector("#overlay ellipse.finding[data-finding='" + finding.id() + "']"));
    assertThat(browser.findElement(By.id("slice-label")).getText()).isEqualTo("4 / 12");
    assertThat(Double.parseDouble(circle.getAttribute("cx"))).isCloseTo(40.5, within(1e-6));
    assertThat(Double.parseDouble(circle.getAttribute("cy"))).isCloseTo(24.5, within(1e-6));
    assertThat(Double.parseDouble(circle.getAttribute("rx")))
        .isCloseTo(2.5 / ConsoleBackends.PIXEL_MM, within(1e-6));
    new Actions(browser)
        .scrollFromOrigin(
            WheelInput.ScrollOrigin.fromElement(browser.findElement(By.id("slice"))), 0, 120)
        .perform();
    awaitFrame(instance, series.frameAt(7), "-600%2C1500");
    new Select(browser.findElement(By.id("window-preset")))
        .selectByVisibleText("Mediastinum (C 40, W 400)");
    awaitFrame(instance, series.frameAt(7), "40%2C400");
    screenshot("console-enhanced-ct-frame.png");
    ConsoleBackends.Series elsewhere = backends.publishEnhanced(newTenant(), 3);
    assertThat(frameStatus(series, 12)).isEqualTo(200L);
    assertThat(frameStatus(series, 13)).isEqualTo(404L);
    assertThat(frameStatus(elsewhere, 1)).isEqualTo(404L);

    assertThat(backends.renders())
        .filteredOn(render -> render.instance().equals(instance))
        .contains(
            new ConsoleBackends.RenderRequest(
                hospital.value(), instance, series.frameAt(7), "40,400"))
        .allSatisfy(render -> {
          assertThat(render.tenant()).isEqualTo(hospital.value());
          assertThat(render.frame()).isBetween(1, 12);
        })
        .extracting(ConsoleBackends.RenderRequest::frame)
        .containsAll(java.util.stream.IntStream.rangeClosed(1, 12).boxed().toList());
  }

  @Test
  void adminPromotesAModelVersionAndRollsItBack() throws Exception {
    String admin = newUsername();
    users.create(admin, Tenants.PLATFORM, Set.of(Role.ADMIN), PASSWORD, "test");
    ConsoleBackends backends = TenantScopedUpstream.get().consoleBackends();
    String model = "nodules-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    backends.registerModel(model, 0.91, 0.93);

    logIn(admin);
    browser.findElement(By.linkText("Models")).click();
    WebElement chart =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#model-" + model + " canvas")));
    wait.until(
        driver -> (Boolean) script("return Chart.getChart(arguments[0]) !== undefined", chart));
    screenshot("console-models.png");
    browser.findElement(By.id("promote-" + model + "-2")).click();

    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.className("message"), "version 2 promoted"));
    assertThat(browser.findElement(By.id(model + "-v2")).getText()).contains("production");
    assertThat(backends.stage(model, 2)).contains("PRODUCTION");
    browser.findElement(By.id("rollback-" + model)).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.className("message"), "rolled back"));

    assertThat(backends.stage(model, 1)).contains("PRODUCTION");
    assertThat(backends.stageChanges())
        .contains(
            "promote " + model + " v2 by user:" + admin, "rollback " + model + " by user:" + admin);
  }

  @Test
  void analystSeesThresholdsAndNewCasesArriveWithoutReloading() throws Exception {
    TenantId bank = newTenant();
    String analyst = newUsername();
    users.create(analyst, bank, Set.of(Role.ANALYST), PASSWORD, "test");
    ConsoleBackends backends = TenantScopedUpstream.get().consoleBackends();
    backends.openCase(bank, "tx-first", 0.97, "R07_AMOUNT_SPIKE");

    logIn(analyst);
    browser.findElement(By.linkText("Finance")).click();
    assertThat(browser.findElement(By.id("thresholds")).getText()).contains("0.5500", "0.9000");
    assertThat(browser.findElement(By.id("cases")).getText())
        .contains("tx-first", "DECLINE", "R07_AMOUNT_SPIKE");
    backends.openCase(bank, "tx-second", 0.95, "R12_NEW_DEVICE");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cases"), "tx-second"));
    screenshot("console-finance.png");
    assertThat(browser.getCurrentUrl()).endsWith("/console/finance");
  }

  @Test
  void analystWatchesTheLiveViewUpdateWithThroughputDeclinesAndDeadLetters() throws Exception {
    TenantId bank = newTenant();
    String analyst = newUsername();
    users.create(analyst, bank, Set.of(Role.ANALYST), PASSWORD, "test");
    ConsoleBackends backends = TenantScopedUpstream.get().consoleBackends();
    backends.decide(bank, "tx-ok-1", "APPROVE", 0.02, 3.0, "R00_NONE");

    logIn(analyst);
    browser.findElement(By.linkText("Finance")).click();
    assertThat(browser.findElement(By.id("outcome-APPROVE")).getText()).isEqualTo("1");
    assertThat(browser.findElement(By.id("outcome-DECLINE")).getText()).isEqualTo("0");
    assertThat(browser.findElement(By.id("latency-p50")).getText()).isEqualTo("3.0");
    assertThat(browser.findElements(By.id("declines"))).isEmpty();
    assertThat(browser.findElements(By.id("dlq"))).isEmpty();
    wait.until(driver -> "1".equals(console.chartedDecisions()));

    backends.decide(bank, "tx-ok-2", "APPROVE", 0.03, 4.0, "R00_NONE");
    backends.decide(bank, "tx-fraud-1", "DECLINE", 0.97, 12.0, "R07_AMOUNT_SPIKE");
    backends.deadLetter(bank, "amount: must be positive", 4711);

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome-DECLINE"), "1"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dlq")));
    wait.until(driver -> "3".equals(console.chartedDecisions()));
    screenshot("console-finance-live.png");
    assertThat(browser.findElement(By.id("outcome-APPROVE")).getText()).isEqualTo("2");
    assertThat(browser.findElement(By.id("alert-rate")).getText()).isEqualTo("33.33 %");
    assertThat(browser.findElement(By.id("latency-p99")).getText()).isEqualTo("12.0");
    assertThat(browser.findElement(By.id("declines")).getText())
        .contains("tx-fraud-1", "0.9700", "R07_AMOUNT_SPIKE");
    assertThat(browser.findElement(By.id("dlq")).getText())
        .contains("amount: must be positive", "finance.transactions", "4711");
    assertThat(browser.findElement(By.id("dead-letters")).getText()).isEqualTo("1");
    assertThat(browser.findElement(By.id("thresholds")).getText()).contains("0.5500", "0.9000");
    assertThat(browser.getCurrentUrl()).endsWith("/console/finance");
  }

  /** Waits until the viewer shows the slice, rendered with the window, loaded by the browser. */
  private void awaitSlice(String instance, String window) {
    awaitRendering("/instances/" + instance + "/rendered?window=" + window);
  }

  /** Waits until the viewer shows a frame of a multi-frame instance like {@link #awaitSlice}. */
  private void awaitFrame(String instance, int frame, String window) {
    awaitRendering("/instances/" + instance + "/frames/" + frame + "/rendered?window=" + window);
  }

  /** The status of a frame's rendering fetched by the page, with the user's session. */
  private Object frameStatus(ConsoleBackends.Series series, int frame) {
    return script(
        "return fetch(arguments[0]).then(response => response.status);",
        uri("/console/studies/%s/series/%s/instances/%s/frames/%d/rendered?window=40,400"
                .formatted(series.study(), series.series(), series.instances().getFirst(), frame))
            .toString());
  }

  private void awaitRendering(String path) {
    wait.until(driver -> {
      WebElement slice = driver.findElement(By.id("slice"));
      String source = slice.getAttribute("src");
      return source != null
          && source.endsWith(path)
          && (Boolean)
              script("return arguments[0].complete && arguments[0].naturalWidth === 64", slice);
    });
  }

  private Object script(String script, Object... arguments) {
    return console.script(script, arguments);
  }

  private void logIn(String username) {
    console.logIn(uri("").toString(), username, PASSWORD);
  }

  private void screenshot(String name) throws IOException {
    console.screenshot(name);
  }

  private static String newUsername() {
    return "u" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }
}

package ai.stratum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ConsoleUsers;
import ai.stratum.gateway.tenancy.Tenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}).
 * Screenshots go to {@code target/screenshots}. Skipped only where the browser is not installed.
 */
class ConsoleBrowserTest extends GatewayTestSupport {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String PASSWORD = "correct horse battery";

  @Autowired ConsoleUsers users;

  private WebDriver browser;
  private WebDriverWait wait;
  private Path profile;

  @BeforeEach
  void startBrowser() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed");
    profile = Files.createTempDirectory("stratum-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
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
                hospital.value(), series.instances().get(6), "40,400"))
        .allSatisfy(render -> assertThat(render.tenant()).isEqualTo(hospital.value()));
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

  /** Waits until the viewer shows the slice, rendered with the window, loaded by the browser. */
  private void awaitSlice(String instance, String window) {
    wait.until(driver -> {
      WebElement slice = driver.findElement(By.id("slice"));
      String source = slice.getAttribute("src");
      return source != null
          && source.contains("/instances/" + instance + "/rendered?window=" + window)
          && (Boolean)
              script("return arguments[0].complete && arguments[0].naturalWidth === 64", slice);
    });
  }

  private Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  private void logIn(String username) {
    browser.get(uri("/console/login").toString());
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Welcome"));
  }

  private void screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name), png);
  }

  private static String newUsername() {
    return "u" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }
}

package dev.smartretry.service.metrics;

import static dev.smartretry.service.testing.DecisionRequests.attempt;
import static dev.smartretry.service.testing.DecisionRequests.attempts;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.plans.PlanChanged;
import dev.smartretry.service.testing.DecisionRequests;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code GET /dashboard} in a real browser: a service filled through its own API (a policy with a
 * live control group, failures registered over three weeks, the scheduler retrying them against a
 * billing system that recovers some), the page opened in headless Chromium, the viewer key typed
 * into its form; every chart must draw with data and the console stay free of errors. Screenshots
 * at a laptop's and a phone's size go to {@code service/target/dashboard-*.png}.
 *
 * <p>Needs the machine's Chromium and its driver ({@code apt-get install chromium chromium-driver},
 * as .ci/run does); without them the browser test is skipped, never passed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  // A Monday: the weeks of the chart start on the first failures' week.
  private static final Instant START = Instant.parse("2026-03-02T07:00:00Z");
  private static final int INVOICES = 40;
  // Every 11 hours, so that the failures, and the retries after them, fall at many local hours.
  private static final Duration BETWEEN_FAILURES = Duration.ofHours(11);
  // Past the last failure by a few days: the latest plans are still in recovery.
  private static final Instant END = START.plus(Duration.ofDays(20));
  private static final List<String> DECLINE_CODES =
      List.of("insufficient_funds", "do_not_honor", "generic_decline", "card_velocity_exceeded");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(START);
  private ServiceInstance service;
  private JsonMapper json;

  @BeforeAll
  void start() {
    service =
        ServiceInstance.start(
            database,
            clock,
            Map.of(
                "smart-retry.gateway-url",
                gateway.url(),
                // Each step of the filling waits for the scheduler's next look.
                "smart-retry.scheduler-poll-interval",
                "100ms"));
    json = service.bean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
    gateway.close();
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + service.bean(EmbeddedServer.class).getPort();
  }

  @Test
  void thePageIsOpenAndTheStaticRoutesServeNothingElse() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, "/dashboard").statusCode()).isEqualTo(200);
    HttpResponse<String> page = get(http, "/dashboard/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("Smart Retry", "/dashboard/dashboard.js");
    assertThat(get(http, "/dashboard/dashboard.js").statusCode()).isEqualTo(200);
    assertThat(get(http, "/dashboard/dashboard.css").statusCode()).isEqualTo(200);
    assertThat(get(http, "/dashboard/echarts/echarts.min.js").statusCode()).isEqualTo(200);
    assertThat(get(http, "/health").statusCode()).isEqualTo(200);
    assertThat(get(http, "/prometheus").statusCode()).isEqualTo(200);
    // The page is open; the figures are not.
    assertThat(service.api().send(HttpRequest.GET("/v1/metrics/recovery")).status()).isEqualTo(401);

    // Neither mapping reaches past its folder, however the path is spelt.
    for (String path :
        List.of(
            "/application.yml",
            "/logback.xml",
            "/public/index.html",
            "/dashboard/../application.yml",
            "/dashboard/%2e%2e/application.yml",
            "/dashboard/..%2fapplication.yml",
            "/dashboard/%2e%2e%2fapplication.yml",
            "/dashboard/..%5capplication.yml",
            "/dashboard/echarts/../package.json",
            "/dashboard/echarts/%2e%2e/package.json",
            "/dashboard/echarts/..%2f..%2f..%2f..%2f..%2fapplication.yml",
            "/dashboard/db/migration/",
            "/dashboard/META-INF/MANIFEST.MF",
            "/dashboard/dev/smartretry/service/Application.class")) {
      HttpResponse<String> answer = get(http, path);
      assertThat(answer.statusCode()).as(path).isNotEqualTo(200);
      assertThat(answer.body()).as(path).doesNotContain("datasources", "\"name\": \"echarts\"");
    }
  }

  private HttpResponse<String> get(HttpClient http, String path) throws Exception {
    // java.net.http sends the path as written: no client-side clean-up of dots or escapes.
    return http.send(
        java.net.http.HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyChartDrawsWithDataAndTheConsoleStaysClean() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Skipped: the dashboard's browser test needs "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    fill();

    Path profile = Files.createTempDirectory("dashboard-chromium");
    ChromeDriverService driverService =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(driverService, chromeOptions(profile));
    try {
      driver.get(baseUrl() + "/dashboard");
      awaitState(driver, "key");

      // A key of the wrong role: the page says so and asks again.
      enterKey(driver, BILLING);
      new WebDriverWait(driver, PATIENCE)
          .withMessage("the page to refuse a billing key")
          .until(d -> d.findElement(By.id("key-problem")).isDisplayed());
      assertThat(script(driver, "return document.body.dataset.state")).isEqualTo("key");
      assertThat(driver.findElement(By.id("key-problem")).getText()).contains("403");
      // The refused requests are the only errors so far (Chromium logs each failed fetch).
      assertThat(severe(driver)).allSatisfy(entry -> assertThat(entry).contains("403"));

      enterKey(driver, VIEWER);
      awaitState(driver, "ready", "partial", "error", "key");
      assertThat(script(driver, "return document.body.dataset.state")).isEqualTo("ready");
      assertThat(
              script(
                  driver,
                  "return [sessionStorage.getItem('smart-retry.viewer-key'), localStorage.length, document.cookie].join('|')"))
          .isEqualTo(VIEWER + "|0|");

      assertEveryChartDrewWithData(driver);

      // The window selector: the last four weeks of the service's clock hold every failure.
      driver.findElement(By.cssSelector(".window button[data-weeks='4']")).click();
      awaitState(driver, "ready", "partial", "error", "key");
      assertThat(script(driver, "return document.body.dataset.state")).isEqualTo("ready");
      assertThat(
              script(
                  driver,
                  "return echarts.getInstanceByDom(document.querySelector('[data-chart=week]'))"
                      + ".getOption().xAxis[0].data.length"))
          .isEqualTo(4L);
      assertEveryChartDrewWithData(driver);
      @SuppressWarnings("unchecked")
      Map<String, String> figures = (Map<String, String>) script(driver, HEADLINE);
      assertThat(figures.get("rate")).as(figures.toString()).endsWith("%");
      assertThat(figures.get("amount")).as(figures.toString()).contains("€");
      assertThat(figures.get("flight")).as(figures.toString()).matches("[1-9][0-9]*");
      assertThat(figures.get("median")).as(figures.toString()).matches(".*[0-9].*");

      Path target = Path.of("target");
      screenshot(driver, 1440, 900, false, false, target.resolve("dashboard-laptop.png"));
      screenshot(driver, 1440, 900, false, true, target.resolve("dashboard-laptop-full.png"));
      screenshot(driver, 390, 844, true, false, target.resolve("dashboard-phone.png"));
      screenshot(driver, 390, 844, true, true, target.resolve("dashboard-phone-full.png"));

      assertThat(severe(driver)).isEmpty();
    } finally {
      driver.quit();
      driverService.stop();
      deleteTree(profile);
    }
  }

  private static void assertEveryChartDrewWithData(WebDriver driver) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts = (List<Map<String, Object>>) script(driver, CHARTS);
    assertThat(charts).hasSize(9);
    assertThat(charts)
        .allSatisfy(
            chart -> {
              assertThat(chart.get("state")).as(chart.toString()).isEqualTo("drawn");
              assertThat(((Number) chart.get("points")).intValue())
                  .as(chart.toString())
                  .isPositive();
            });
  }

  // Each chart's name, state and how many data points its series carry that are not null or 0.
  private static final String CHARTS =
      """
      return Array.from(document.querySelectorAll('[data-chart]')).map((el) => {
        const chart = echarts.getInstanceByDom(el);
        const series = chart ? chart.getOption().series : [];
        const real = (d) => {
          const v = d != null && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
          return Array.isArray(v) ? v.some((x) => x != null && x !== 0) : v != null && v !== 0;
        };
        return {
          name: el.dataset.chart,
          state: el.dataset.state,
          points: Math.max(0, ...series.map((s) => (s.data || []).filter(real).length)),
        };
      });
      """;

  private static final String HEADLINE =
      """
      const figures = {};
      document.querySelectorAll('[data-kpi]').forEach((el) => {
        figures[el.dataset.kpi] = el.querySelector('.big').textContent;
      });
      return figures;
      """;

  private static ChromeOptions chromeOptions(Path profile) {
    ChromeOptions options = new ChromeOptions();
    // The machine's Chromium and driver, given by path: Selenium Manager never downloads either.
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--user-data-dir=" + profile,
        "--window-size=1440,900");
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    return options;
  }

  private static void enterKey(WebDriver driver, String key) {
    var field = driver.findElement(By.id("key"));
    field.clear();
    field.sendKeys(key);
    driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
  }

  /** Waits until the page says it is in one of {@code states} (body's data-state). */
  private static void awaitState(WebDriver driver, String... states) {
    Set<String> wanted = Set.of(states);
    new WebDriverWait(driver, PATIENCE)
        .withMessage(() -> "the page's state to become one of " + wanted)
        .until(
            d -> wanted.contains(String.valueOf(script(d, "return document.body.dataset.state"))));
  }

  private static Object script(WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** The console's errors since the last call: reading the log empties it. */
  private static List<String> severe(WebDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::toString)
        .toList();
  }

  /**
   * A screenshot at a viewport of {@code width} by {@code height} CSS pixels, as a phone ({@code
   * mobile}) or a laptop shows it; {@code fullPage} stretches the viewport to the page's height.
   * Device metrics are overridden through the DevTools protocol, since a headless window is never
   * narrower than 500 pixels.
   */
  private static void screenshot(
      ChromeDriver driver, int width, int height, boolean mobile, boolean fullPage, Path file)
      throws IOException {
    setViewport(driver, width, height, mobile);
    if (fullPage) {
      long pageHeight = (Long) script(driver, "return document.documentElement.scrollHeight");
      setViewport(driver, width, (int) pageHeight, mobile);
    }
    // The charts follow their boxes at once (a ResizeObserver, without animation); this waits for
    // that round of layout to be painted.
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done()));");
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  private static void setViewport(ChromeDriver driver, int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /**
   * Fills the service through its API: a policy with a control group, {@value #INVOICES} failures
   * over three weeks, and every retry the scheduler runs until {@link #END}, time moving from one
   * event (a failure, a due retry) to the next.
   */
  private void fill() {
    Reply policy =
        service
            .api()
            .put(
                "/v1/policies/dashboard",
                ADMIN,
                """
                {"mode": "smart", "max_retries": 4, "max_duration": "P10D", "min_interval": "PT1H",
                 "schedule": ["P1D", "P3D", "P5D", "P7D"], "final_action": "mark_uncollectible",
                 "control_share": 0.2}
                """);
    assertThat(policy.status()).as(policy.toString()).isBetween(200, 201);
    // Two invoices in five are recovered, by their first, second or third retry.
    gateway.answer(
        call -> {
          int invoice = Integer.parseInt(call.invoiceId().substring("in_dash_".length()));
          boolean recovers = invoice % 5 < 2 && call.retryNumber() == invoice % 3 + 1;
          return recovers
              ? TestGateway.succeeded()
              : TestGateway.failed(DECLINE_CODES.get(invoice % DECLINE_CODES.size()));
        });
    int registered = 0;
    while (true) {
      Instant failure =
          registered < INVOICES ? START.plus(BETWEEN_FAILURES.multipliedBy(registered)) : null;
      List<Map<String, Object>> scheduled = scheduledPlans();
      Instant retry =
          scheduled.stream()
              .map(plan -> Instant.parse((String) plan.get("next_payment_attempt")))
              .min(Comparator.naturalOrder())
              .orElse(null);
      if (failure != null && (retry == null || !failure.isAfter(retry))) {
        clock.set(failure);
        register(registered++, failure.minusSeconds(60));
      } else if (retry != null && !retry.isAfter(END)) {
        clock.set(retry);
        Set<String> due =
            scheduled.stream()
                .filter(
                    plan ->
                        !Instant.parse((String) plan.get("next_payment_attempt")).isAfter(retry))
                .map(plan -> (String) plan.get("invoice_id"))
                .collect(Collectors.toSet());
        service
            .changes()
            .await(
                due.size(),
                changed ->
                    changed.change() == PlanChanged.Change.RETRIED
                        && due.contains(changed.invoiceId()));
      } else {
        break;
      }
    }
    clock.set(END);
    assertThat(gateway.charged().values())
        .contains((TestGateway.Reply.Outcome) TestGateway.succeeded());
  }

  private void register(int index, Instant failedAt) {
    Map<String, Object> body = DecisionRequests.registration("in_dash_" + index, failedAt);
    body.put("customer_id", "cus_dash_" + index);
    body.put("policy", "dashboard");
    body.put("amount_minor", 1900 + 1000 * (index % 4));
    body.put("currency", index % 4 == 3 ? "USD" : "EUR");
    body.put("timezone", index % 2 == 0 ? "Europe/Paris" : "America/New_York");
    attempts(body).clear();
    attempts(body).add(attempt(failedAt, DECLINE_CODES.get(index % DECLINE_CODES.size())));
    Reply reply = service.api().post("/v1/payment-failures", BILLING, write(body));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> scheduledPlans() {
    List<Map<String, Object>> plans = new ArrayList<>();
    String next = null;
    do {
      Map<String, Object> page =
          service
              .api()
              .get(
                  "/v1/payment-failures?status=scheduled&limit=500"
                      + (next == null ? "" : "&after=" + next),
                  BILLING)
              .object();
      plans.addAll((List<Map<String, Object>>) page.get("data"));
      next = (String) page.get("next");
    } while (next != null);
    return plans;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

package dev.artifacta.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for the console tests: headless Chromium from the distribution's packages
 * ({@code chromium}, {@code chromium-driver}; {@code bin/test} installs them as root), driven
 * through Selenium with a fresh profile each time. Every page a test visits through {@link #open}
 * or {@link #submit} is checked with axe-core (serious and critical violations fail the test), and
 * {@link #screenshot} keeps the last page under {@code target/console-screenshots/}.
 *
 * <p>Without the browser the tests are skipped with a clear reason, never left hanging.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of(System.getProperty("artifacta.test.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER =
            Path.of(System.getProperty("artifacta.test.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Every page checked, with the time from sending its request to its first byte (the Navigation
     * Timing API's {@code responseStart - requestStart}: the server's time plus loopback), across
     * all browsers of the test run.
     */
    public static final java.util.Map<String, Double> SERVER_TIMES = new java.util.concurrent.ConcurrentHashMap<>();

    private final String base;
    private final Path profile;
    private final ChromeDriver driver;
    private final List<String> checked = new ArrayList<>();

    private Chromium(String base, Path profile, ChromeDriver driver) {
        this.base = base;
        this.profile = profile;
        this.driver = driver;
    }

    /** A new browser window with an empty profile (no cookies: signed out). */
    public static Chromium start(String base) {
        Assumptions.assumeTrue(
                Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Browser tests skipped: no Chromium at " + BROWSER + " with its driver at " + DRIVER
                        + " (apt-get install chromium chromium-driver; bin/test does it when run as root)");
        Path profile;
        try {
            profile = Files.createTempDirectory("artifacta-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            Assumptions.abort("Browser tests skipped: Chromium did not start ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Chromium(base, profile, driver);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the server (or a full URL) and checks the page's accessibility. */
    public Chromium open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return checkAccessibility();
    }

    /** Clicks an element that navigates (a link, a submit button) and checks the new page. */
    public Chromium click(By by) {
        driver.findElement(by).click();
        return checkAccessibility();
    }

    public Chromium type(By by, String text) {
        WebElement field = driver.findElement(by);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String source() {
        return driver.getPageSource();
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The pages checked with axe so far, in order. */
    public List<String> checkedPages() {
        return List.copyOf(checked);
    }

    /**
     * Runs axe-core on the current page and fails on serious or critical violations. axe is
     * injected through the driver, which the page's Content-Security-Policy does not govern.
     */
    public Chromium checkAccessibility() {
        JavascriptExecutor js = driver;
        js.executeScript(axeSource() + "\n;window.axe = axe;");
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done('error: ' + e); });");
        String violations = String.valueOf(result);
        assertThat(violations).as("axe-core on " + driver.getCurrentUrl()).doesNotStartWith("error:");
        List<String> failing = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(violations)) {
                if (FAILING_IMPACTS.contains(violation.path("impact").asText())) {
                    List<String> targets = new ArrayList<>();
                    violation
                            .path("nodes")
                            .forEach(node -> targets.add(node.path("target").toString()));
                    failing.add(violation.path("impact").asText() + " "
                            + violation.path("id").asText() + ": "
                            + violation.path("help").asText() + " at " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(failing)
                .as("serious or critical accessibility violations on " + driver.getCurrentUrl())
                .isEmpty();
        checked.add(path());
        Object ttfb = js.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.responseStart - n.requestStart : -1;");
        if (ttfb instanceof Number millis && millis.doubleValue() >= 0) {
            SERVER_TIMES.merge(driver.getCurrentUrl().replace(base, ""), millis.doubleValue(), Math::max);
        }
        return this;
    }

    /** Saves the current page as {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static String axeSource() {
        try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as(AXE + " on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A profile left in the temporary directory is harmless.
        }
    }
}

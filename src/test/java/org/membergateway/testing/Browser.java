package org.membergateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) driven by Selenium, for the pages' browser tests: sign in, fill forms, keep a
 * screenshot of each page under {@code target/screenshots/}, and check each page with axe-core for
 * WCAG 2.1 A and AA: no serious or critical violation may remain.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /**
     * A browser for the gateway at {@code base} (e.g. {@code http://127.0.0.1:41234}).
     *
     * @param javascript false to check that the pages work without script, as they must
     * @param language the browser's preferred language ({@code Accept-Language})
     */
    public static Browser open(String base, boolean javascript, String language) {
        assertThat(CHROMIUM).as("headless Chromium for the browser tests: apt-get install chromium chromium-driver"
                + " (.ci/run does it)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver for the browser tests: apt-get install chromium-driver").isExecutable();
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The machine's network is closed: these keep Chromium from reaching out at every start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + profile,
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of(
                "intl.accept_languages", language,
                "profile.managed_default_content_settings.javascript", javascript ? 1 : 2));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // Files the pages send as attachments land in the profile's downloads, without asking.
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", profile.resolve("downloads").toString()));
        return new Browser(driver, base, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads a path of the gateway and waits for the page. */
    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /**
     * Clicks what downloads a file (a link, or a form's button answered with an attachment) and
     * waits until the browser has finished writing it: its bytes.
     */
    public byte[] download(String css) {
        Path downloads = profile.resolve("downloads");
        find(css).click();
        Path file = new org.openqa.selenium.support.ui.FluentWait<>(downloads).withTimeout(Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(50)).ignoring(UncheckedIOException.class).until(dir -> {
                    if (!Files.isDirectory(dir)) {
                        return null;
                    }
                    try (var files = Files.list(dir)) {
                        // Chromium writes to *.crdownload and renames the file when it is complete.
                        return files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")).findFirst().orElse(null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Browser type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Clicks and waits for the next page to be loaded (forms post and redirect). */
    public Browser submit(String css) {
        WebElement button = find(css);
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(button));
        return this;
    }

    /**
     * Whether the element's page has been replaced. Chromium sometimes answers a question about an
     * element of the page being unloaded with an inspector error instead of "stale"; that means the
     * same, and must not fail the test.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public Browser signIn(String username, String password) {
        go("/login");
        type("username", username).type("password", password);
        return submit("form[action='/login'] button[type=submit]");
    }

    public Browser signOut() {
        return submit("form[action='/logout'] button[type=submit]");
    }

    /** Keeps a picture of the page as it is now: {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            // The whole page, not only the window: set the window to the page's height first.
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int) Math.min(Math.max(height, 600), 6000)));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core on the page for WCAG 2.1 A and AA and fails on any serious or critical
     * violation, naming the rule and the elements.
     */
    @SuppressWarnings("unchecked")
    public Browser assertAccessible(String pageName) {
        driver.executeScript(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))
                   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));""");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        List<Map<String, Object>> serious = violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).toList();
        assertThat(serious).as("axe-core WCAG 2.1 AA violations on " + pageName + ": " + serious).isEmpty();
        return this;
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}

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
 *
 * <p>Starting Chromium is the slowest step of a browser test, so a test class should take
 * {@link #shared} (one Chromium with script and one without, kept for the whole test run and
 * handed out clean: no cookies, no downloads, a blank page, the language asked for) rather than
 * {@link #open} (a Chromium of its own, for a test that needs two browsers at once).
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    /** How often waits look again: a page of the gateway loads in milliseconds, not half-seconds. */
    static final Duration POLL = Duration.ofMillis(25);
    /** The shared browsers, with and without script; quit when the test JVM ends. */
    private static final Map<Boolean, Chromium> SHARED = new java.util.HashMap<>();

    private final Chromium chromium;
    private final ChromeDriver driver;
    private final String base;
    private final Path profile;
    /** Whether close() hands the shared Chromium back instead of quitting it. */
    private final boolean lease;

    private Browser(Chromium chromium, String base, boolean lease) {
        this.chromium = chromium;
        this.driver = chromium.driver;
        this.base = base;
        this.profile = chromium.profile;
        this.lease = lease;
    }

    /** One Chromium process with its driver and temporary profile. */
    private static final class Chromium {
        final ChromeDriver driver;
        final Path profile;
        /** The browser's own User-Agent, which the language override must repeat. */
        final String userAgent;
        /** Origins it has been used on, whose data a new lease must not see. */
        final java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        boolean leased;

        Chromium(ChromeDriver driver, Path profile) {
            this.driver = driver;
            this.profile = profile;
            this.userAgent = String.valueOf(driver.executeCdpCommand("Browser.getVersion", Map.of()).get("userAgent"));
        }

        void quit() {
            try {
                driver.quit();
            } finally {
                deleteTree(profile);
            }
        }
    }

    /**
     * A browser for the gateway at {@code base} (e.g. {@code http://127.0.0.1:41234}).
     *
     * @param javascript false to check that the pages work without script, as they must
     * @param language the browser's preferred language ({@code Accept-Language})
     */
    public static Browser open(String base, boolean javascript, String language) {
        return new Browser(start(javascript, language), base, false);
    }

    /**
     * The run's shared Chromium with or without script, clean as a new one: no cookies or site
     * data of any earlier test, no downloads, one blank tab of the usual size, and {@code language}
     * as its preferred language ({@code Accept-Language} and {@code navigator.language}, through the
     * DevTools protocol). {@link #close} hands it back for the next test instead of quitting it.
     * One lease at a time per kind: a test that needs two browsers at once takes {@link #open}.
     *
     * @param javascript false to check that the pages work without script, as they must (a
     *                   Chromium started with script off, as {@link #open} starts one)
     */
    public static synchronized Browser shared(String base, boolean javascript, String language) {
        Chromium chromium = SHARED.get(javascript);
        if (chromium != null) {
            assertThat(chromium.leased).as("the shared browser is already in use: close it first, or take Browser.open"
                    + " for a second browser at once").isFalse();
            if (!reset(chromium)) {
                SHARED.remove(javascript);
                chromium.quit();
                chromium = null;
            }
        }
        if (chromium == null) {
            chromium = start(javascript, "en");
            if (SHARED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitShared, "quit shared Chromium"));
            }
            SHARED.put(javascript, chromium);
        }
        chromium.driver.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", chromium.userAgent,
                "acceptLanguage", language));
        chromium.origins.add(base);
        chromium.leased = true;
        return new Browser(chromium, base, true);
    }

    /**
     * Makes a used Chromium as a new one; false if it cannot be (it crashed, or a test left it in a
     * state this does not know), and it is then replaced by a new one.
     */
    private static boolean reset(Chromium chromium) {
        ChromeDriver driver = chromium.driver;
        try {
            List<String> windows = List.copyOf(driver.getWindowHandles());
            for (String extra : windows.subList(1, windows.size())) {
                driver.switchTo().window(extra).close();
            }
            driver.switchTo().window(windows.get(0));
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            for (String origin : chromium.origins) {
                driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
            }
            chromium.origins.clear();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            deleteTree(chromium.profile.resolve("downloads"));
            // Every cookie of the browser, whatever the page: none may be left for the next test.
            return ((List<?>) driver.executeCdpCommand("Storage.getCookies", Map.of()).get("cookies")).isEmpty();
        } catch (org.openqa.selenium.WebDriverException e) {
            return false;
        }
    }

    private static synchronized void quitShared() {
        SHARED.values().forEach(chromium -> {
            try {
                chromium.quit();
            } catch (RuntimeException e) {
                // the JVM is ending; a browser that will not quit dies with its driver
            }
        });
        SHARED.clear();
    }

    private static Chromium start(boolean javascript, String language) {
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
        return new Chromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads a path of the gateway and waits for the page. */
    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** A wait on this browser that looks again every few milliseconds, not every half second as by default. */
    public WebDriverWait await(Duration timeout) {
        return new WebDriverWait(driver, timeout, POLL);
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
                .pollingEvery(POLL).ignoring(UncheckedIOException.class).until(dir -> {
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
        // WebDriverWait looks every 500 ms by default, which the next page is almost never that slow for.
        new WebDriverWait(driver, Duration.ofSeconds(30), POLL).until(d -> gone(button));
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
            // The whole page, not only the window (up to 6000 px), in one capture: no resizing the window
            // to the page and back, which lays the page out twice more per picture.
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1280,
                            "height", Math.min(Math.max(height, 600), 6000), "scale", 1)));
            Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core on the page for WCAG 2.1 A and AA and fails on any serious or critical
     * violation, naming the rule and the elements. axe is injected once per page load (a page that
     * already has it is checked again with it), and collects details only for violations.
     */
    @SuppressWarnings("unchecked")
    public Browser assertAccessible(String pageName) {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(Axe.SOURCE);
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                   resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))
                   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));""");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        List<Map<String, Object>> serious = violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).toList();
        assertThat(serious).as("axe-core WCAG 2.1 AA violations on " + pageName + ": " + serious).isEmpty();
        return this;
    }

    /** axe-core's source, read once for the run (it is half a megabyte). */
    private static final class Axe {
        static final String SOURCE = readAxe();
    }

    private static String readAxe() {
        try (InputStream in = Browser.class.getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits this Chromium, or hands the shared one back clean for the next test (see {@link #shared}). */
    @Override
    public void close() {
        if (lease) {
            synchronized (Browser.class) {
                chromium.leased = false;
            }
            return;
        }
        chromium.quit();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}

package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both named by path, so Selenium
 * Manager never looks for (or downloads) a browser or a driver. Missing either is a failure that names
 * the packages, never a skip: a browser test that silently does not run proves nothing.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Every wait is bounded; the page's poller runs every 2 s, so this covers two of its rounds. */
    static final Duration WAIT = Duration.ofSeconds(6);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Duration wait;

    /** Starts a browser whose profile, settings and caches are all under {@code home}, a fresh directory. */
    HeadlessChromium(Path home) {
        this(home, WAIT);
    }

    /**
     * As {@link #HeadlessChromium(Path)}, with {@code wait} as the bound of {@link #until}: longer for a
     * real jlvsd under emulation (the QEMU guest), where a login's Argon2id alone takes seconds.
     */
    HeadlessChromium(Path home, Duration wait) {
        this.wait = wait;
        for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(p)) {
                fail(p + " is missing: the browser tests need Debian's packages chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver; scripts/test installs them)");
            }
        }
        // Chromium's own caches and settings go there too, not to the user's home; its log (mostly
        // complaints that there is no D-Bus) goes nowhere: a failing command's message comes back to Selenium.
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(),
                        "XDG_CACHE_HOME", home.resolve("cache").toString()))
                .withLogOutput(OutputStream.nullOutputStream()).withSilent(true).withTimeout(wait.multipliedBy(2)).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,700",
                "--user-data-dir=" + home.resolve("profile").toAbsolutePath());
        // A page that does not load within the wait is stopped by chromedriver (a TimeoutException that
        // leaves the browser usable), before Selenium's own HTTP client gives up on chromedriver.
        Duration client = wait.multipliedBy(2).compareTo(Duration.ofMinutes(3)) > 0 ? wait.multipliedBy(2) : Duration.ofMinutes(3);
        driver = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(client));
        driver.manage().timeouts().pageLoadTimeout(wait);
    }

    /** Waits at most the browser's wait ({@link #WAIT} unless given) for {@code condition} to be true (or non-null), and returns what it gave. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, wait).withMessage(() -> what + "; " + driver.getCurrentUrl() + " shows: " + page()).until(condition);
    }

    private String page() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (WebDriverException e) {
            return "(no text: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    /**
     * Saves the page as target/screenshots/NAME.png under the module and checks that it is a PNG with
     * a picture in it (a non-zero width and height in its header).
     */
    /** Logs {@code user} in through the console's login form at {@code loginPage}, as a person would. */
    void logIn(String loginPage, String user, String password) {
        driver.get(loginPage);
        driver.findElement(org.openqa.selenium.By.name("user")).sendKeys(user);
        driver.findElement(org.openqa.selenium.By.name("password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.xpath("//button[normalize-space()='Log in']")).click();
        until("the status page after logging in as " + user, d -> !d.findElements(org.openqa.selenium.By.cssSelector("#role")).isEmpty());
    }

    Path screenshot(String name) throws IOException {
        return screenshot(Path.of(System.getProperty("basedir", "."), "target", "screenshots", name + ".png"));
    }

    /** Saves the page as {@code file} (its directory made if missing) and checks it as {@link #screenshot(String)} does. */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        byte[] png = Files.readAllBytes(file);
        assertTrue(png.length > 24, file + " has " + png.length + " bytes");
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), file + " is not a PNG");
        // the IHDR chunk comes first: its width and height are the big-endian ints at bytes 16 and 20
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        int width = header.getInt();
        int height = header.getInt();
        assertTrue(width > 0 && height > 0, file + " is " + width + "x" + height);
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.close();
        }
    }

    /** The text of the first element {@code by} finds on the page. */
    String text(By by) {
        return driver.findElement(by).getText();
    }

    /** The status page's row of real server {@code server} of virtual service {@code service}. */
    WebElement serverRow(String service, String server) {
        return driver.findElement(By.cssSelector("section[data-service='" + service + "'] tr[data-server='" + server + "']"));
    }
}

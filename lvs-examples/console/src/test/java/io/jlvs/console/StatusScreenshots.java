package io.jlvs.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * scripts/demo-cluster's camera: logs in to running consoles in headless Chromium, as an operator does
 * through the login form, and saves each status page once it shows the director's role the demo expects,
 * so a screenshot is also a witness of what the console showed. Run with the module's test class path
 * (target/test-classpath, written by the build):
 *
 * <pre>StatusScreenshots USER PASSWORD_FILE</pre>
 *
 * Starts Chromium once (a minute and more under emulation), prints {@code ready}, then reads lines
 * {@code NAME=ROLE=URL} from standard input: for each it saves NAME.png (NAME a path without the
 * extension) and prints {@code shot PATH}, or {@code failed REASON}. Closes Chromium and exits at the end
 * of its input (or on SIGTERM). Exit status 1 when Chromium did not start, 2 on bad arguments. Every
 * wait is bounded.
 */
final class StatusScreenshots {
    /** Under emulation a Chromium start and an Argon2id login take tens of seconds: bounded, but generous. */
    static final Duration WAIT = Duration.ofSeconds(90);

    record Shot(Path file, String role, String url) {
        static Shot parse(String line) {
            String[] p = line.split("=", 3);
            if (p.length != 3 || p[0].isEmpty() || p[1].isEmpty() || !p[2].startsWith("http")) {
                throw new IllegalArgumentException("expected NAME=ROLE=URL (e.g. target/demo/lvs1=ACTIVE=http://127.0.0.1:8480/), got '" + line + "'");
            }
            return new Shot(Path.of(p[0] + ".png"), p[1], p[2].endsWith("/") ? p[2] : p[2] + "/");
        }
    }

    private StatusScreenshots() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StatusScreenshots USER PASSWORD_FILE   (then NAME=ROLE=URL lines on standard input)");
            System.exit(2);
        }
        String password = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).get(0);
        Path home = Files.createTempDirectory("jlvs-screenshots");
        HeadlessChromium browser;
        try {
            browser = new HeadlessChromium(home, WAIT);
        } catch (RuntimeException | AssertionError e) {
            say("failed " + oneLine(e));
            deleteTree(home);
            System.exit(1);
            return;
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                browser.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "close-chromium"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            say("ready");
            for (String line; (line = in.readLine()) != null; ) {
                try {
                    Shot shot = Shot.parse(line.strip());
                    logIn(browser, shot.url(), args[0], password);
                    showing(browser, shot);
                    say("shot " + browser.screenshot(shot.file()).toAbsolutePath());
                } catch (RuntimeException | AssertionError e) {
                    say("failed " + oneLine(e));
                }
            }
        } finally {
            close.run();
            deleteTree(home);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static String oneLine(Throwable e) {
        return String.valueOf(e.getMessage()).replace('\n', ' ');
    }

    /** Logs in through the form of the console at {@code url} (each console has its own sessions). */
    static void logIn(HeadlessChromium browser, String url, String user, String password) {
        browser.driver.get(url + "login");
        browser.until("the login form at " + url, d -> !d.findElements(By.name("password")).isEmpty());
        browser.driver.findElement(By.name("user")).sendKeys(user);
        browser.driver.findElement(By.name("password")).sendKeys(password);
        browser.driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
        browser.until("the status page after logging in at " + url, d -> !d.findElements(By.id("role")).isEmpty());
    }

    /** Reloads the status page (a fresh render, peers included) until it shows the expected role. */
    private static void showing(HeadlessChromium browser, Shot shot) {
        browser.until(shot.url() + " to show role " + shot.role(), (WebDriver d) -> {
            d.get(shot.url());
            if (d.findElements(By.id("role")).stream().anyMatch(e -> e.getText().equals(shot.role()))) {
                return true;
            }
            sleep();
            return false;
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

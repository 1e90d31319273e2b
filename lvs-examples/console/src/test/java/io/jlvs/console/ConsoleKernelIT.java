package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console against a real jlvsd on the kernel (issue 19's proof): bin/jlvsd in a network namespace
 * this test makes (a dummy eth0 with 10.0.0.1, a VIP and two directly routed real servers whose file
 * checks say up), bin/jlvs-console as an unprivileged uid whose primary group is jlvsd's
 * {@code --control-group}, and Debian's headless Chromium. An operator logs in through the form, sees
 * the director and its real servers, sets a weight and drains a server with the page's buttons; the
 * witness is the kernel's table ({@code ipvsadm -Sn} in the namespace), then the page. Chromium starts
 * once for the class: under emulation a start takes a minute, so it starts while jlvsd and the console
 * do (and the login's Argon2id hash is made while jlvsd starts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)   // one jlvsd for both: the weight test expects rs2 still in
class ConsoleKernelIT {
    /**
     * A JVM, Chromium and an Argon2id login are slow in the emulated guest: a login's page load took over
     * 150 s there on a busy host (64 MiB, 3 passes under TCG).
     */
    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final String VIP = "10.0.0.100:80";
    private static final Path REPO = Path.of(System.getProperty("basedir", "."), "..", "..").toAbsolutePath().normalize();
    private static final Pattern ADD_REAL_SERVER = Pattern.compile("^-a -t " + Pattern.quote(VIP) + " -r (\\S+) .*-w (\\d+)");

    @TempDir
    static Path dir;   // static: made before @BeforeAll, one for the class
    private String ns;
    private final String password = UUID.randomUUID().toString();
    private final List<Process> started = new ArrayList<>();
    private String url;
    private HeadlessChromium browser;
    private CompletableFuture<HeadlessChromium> chromium;

    @BeforeAll
    void directorConsoleAndBrowser() throws Exception {
        long setUpStart = System.nanoTime();
        chromium = CompletableFuture.supplyAsync(() -> new HeadlessChromium(dir.resolve("chromium"), WAIT));
        ns = "jlvs-console-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", ns, "ip", "link", "add", "eth0", "type", "dummy");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.0.0.1/24", "dev", "eth0");

        // The console's uid and gid: a number no user and no group has (this test adds no passwd entry).
        String id = freeId();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path ctl = Files.createDirectories(dir.resolve("ctl"));
        run("chgrp", id, ctl.toString());
        run("chmod", "0750", ctl.toString());
        Path own = Files.createDirectories(dir.resolve("console"));

        for (String rs : List.of("10.0.0.2", "10.0.0.3")) {
            Files.writeString(dir.resolve(rs + ".state"), "0\n");   // the file check's "up"
        }
        Path cf = Files.writeString(dir.resolve("lvs.cf"), """
                serial_no = 1
                primary = 10.0.0.1
                network = direct
                virtual web {
                     active = 1
                     address = 10.0.0.100 eth0:1
                     port = 80
                     protocol = tcp
                     scheduler = wlc
                     check_type = file
                     check_file = %s/%%h.state
                     server rs1 {
                         address = 10.0.0.2
                         port = 80
                         weight = 1
                     }
                     server rs2 {
                         address = 10.0.0.3
                         port = 80
                         weight = 1
                     }
                }
                """.formatted(dir));
        String backend = System.getProperty("jlvs.syscalls");   // this run's syscall backend, for jlvsd too
        Process jlvsd = start("jlvsd", backend == null ? Map.of() : Map.of("JLVS_JAVA_OPTS", "-Djlvs.syscalls=" + backend),
                bin("jlvsd"), "-c", cf.toString(), "--netns", ns, "--runtime-dir", dir.resolve("run").toString(),
                "--control-socket", ctl.resolve("jlvsd.sock").toString(), "--control-group", id,
                "--state-file", dir.resolve("owned").toString());
        Path users = own.resolve("users");
        // A cheap Argon2id cost: at the default one each login took 22-34 s of the loaded emulated guest
        // (and passwd 148 s); this test is about the console, PasswdTest covers the default cost.
        Process passwd = new ProcessBuilder(bin("jlvs-console"), "passwd", "olga", "--role", "operator", "--users", users.toString(), "--stdin",
                        "--memory", "1024", "--passes", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("passwd.log").toFile()).start();
        passwd.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        passwd.getOutputStream().close();
        // The console starts as soon as its users file is written, while jlvsd is still starting: it
        // needs no jlvsd to answer its login page, and three starts at once (Chromium too) take less of
        // the emulated guest's time than one after the other.
        assertTrue(passwd.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && passwd.exitValue() == 0, log("passwd"));
        long passwdDone = System.nanoTime();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + port + "/";
        Path conf = Files.writeString(own.resolve("console.conf"), "listen = 127.0.0.1:" + port + "\ncontrol_socket = "
                + ctl.resolve("jlvsd.sock") + "\nusers_file = " + users + "\naudit_log = " + own.resolve("audit.log") + "\n");
        run("chown", "-R", id + ":" + id, own.toString());
        Process console = start("console", Map.of("HOME", own.toString()), "setpriv", "--reuid=" + id, "--regid=" + id,
                "--clear-groups", "--", bin("jlvs-console"), "serve", "--config", conf.toString());
        await("jlvsd to program the service with both real servers", jlvsd, "jlvsd",
                () -> weights().size() == 2 && countVip() == 1);
        long jlvsdDone = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        await("the console to answer on " + url, console, "console", () -> answers(http, url + "login"));
        long consoleDone = System.nanoTime();
        browser = chromium.join();
        // Where the set-up's time goes (JVM and Chromium starts under emulation), for whoever shortens it.
        System.out.printf("ConsoleKernelIT set-up, seconds from its start: passwd done %.1f, jlvsd programmed by %.1f,"
                + " console answering by %.1f, Chromium ready by %.1f%n", (passwdDone - setUpStart) / 1e9,
                (jlvsdDone - setUpStart) / 1e9, (consoleDone - setUpStart) / 1e9, (System.nanoTime() - setUpStart) / 1e9);
    }

    @AfterAll
    void stop() {
        if (chromium != null) {   // also when the set-up failed before it waited for Chromium
            chromium.thenAccept(HeadlessChromium::close).exceptionally(e -> null).join();
        }
        started.reversed().forEach(Process::destroy);   // jlvsd: SIGTERM, it releases the VIP
        for (Process p : started) {
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ns != null) {
            exec("ip", "netns", "del", ns);
        }
    }

    @Test
    @Order(1)
    void anOperatorSetsAWeightOnThePageAndTheKernelHasIt() throws Exception {
        StatusScreenshots.logIn(browser, url, "olga", password);
        assertEquals("olga (operator) Log out", browser.text(By.cssSelector(".who")));
        assertEquals("ACTIVE", browser.text(By.id("role")));
        assertEquals("10.0.0.2:80", cell("rs1", "td:nth-child(2)"));
        // Up from its first check: no health event ever reaches jlvsd; the status says what the check found.
        browser.until("rs1's health UP on the page", d -> cell("rs1", ".health").equals("UP"));
        assertEquals("1", cell("rs1", ".weight"));
        assertEquals(1, weights().get("10.0.0.2:80"), "the kernel's weight before");

        WebElement weight = browser.serverRow("web", "rs1").findElement(By.name("weight"));
        weight.clear();
        weight.sendKeys("7");
        button("rs1", "Set weight").click();

        browser.until("the page says the weight was set", d -> browser.text(By.cssSelector(".notice:not(.refused)")).equals("Done: weight web rs1"));
        assertEquals(7, weights().get("10.0.0.2:80"), "ipvsadm -Sn: " + ipvsadm());
        assertEquals(1, weights().get("10.0.0.3:80"), "rs2 untouched: " + ipvsadm());
        browser.until("the page shows rs1's new weight", d -> cell("rs1", ".weight").equals("7"));
        assertTrue(Files.readString(dir.resolve("console/audit.log")).contains("user=\"olga\""), "audited");
        browser.screenshot("kernel-weight-set");
    }

    @Test
    @Order(2)
    void anOperatorDrainsAServerAndTheKernelTakesItOut() throws Exception {
        openStatusLoggedIn();
        assertEquals(1, weights().get("10.0.0.3:80"), "the kernel's weight before");
        button("rs2", "drain").click();

        // A drain runs in the background: weight 0, then out once its connections are gone (or timed out).
        browser.until("the page's Drains list says rs2 was drained",
                d -> browser.text(By.id("drains")).matches("(?s).*drain web rs2 by olga: .*\"drained\":true.*"));
        assertFalse(weights().containsKey("10.0.0.3:80"), "ipvsadm -Sn: " + ipvsadm());
        assertEquals(7, weights().get("10.0.0.2:80"), "rs1 untouched: " + ipvsadm());
        browser.until("the page shows rs2 disabled and out of the kernel",
                d -> cell("rs2", ".admin").equals("disabled") && cell("rs2", ".weight").equals("-"));
        browser.screenshot("kernel-drained");
    }

    /**
     * The status page, logging in only when the browser's session is gone: an Argon2id check costs tens
     * of seconds of the emulated guest's time, and the login itself is the first test's.
     */
    private void openStatusLoggedIn() {
        browser.driver.get(url);
        browser.until("the status page or the login form", d -> !d.findElements(By.id("role")).isEmpty()
                || !d.findElements(By.name("password")).isEmpty());
        if (browser.driver.findElements(By.id("role")).isEmpty()) {
            StatusScreenshots.logIn(browser, url, "olga", password);
        }
    }

    private String cell(String server, String selector) {
        return browser.serverRow("web", server).findElement(By.cssSelector(selector)).getText();
    }

    private WebElement button(String server, String label) {
        return browser.serverRow("web", server).findElement(By.xpath(".//button[normalize-space()='" + label + "']"));
    }

    private String ipvsadm() {
        return run("ip", "netns", "exec", ns, "ipvsadm", "-Sn");
    }

    /** The kernel's weight of each real server of the VIP, by address:port, read with {@code ipvsadm -Sn}. */
    private Map<String, Integer> weights() {
        Map<String, Integer> w = new java.util.TreeMap<>();
        for (String line : ipvsadm().lines().toList()) {
            Matcher m = ADD_REAL_SERVER.matcher(line);
            if (m.find()) {
                w.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        return w;
    }

    private long countVip() {
        return run("ip", "netns", "exec", ns, "ip", "-o", "-4", "addr", "show").lines().filter(l -> l.contains(" 10.0.0.100/")).count();
    }

    private static boolean answers(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String bin(String program) {
        return REPO.resolve("bin").resolve(program).toString();
    }

    /** The first id from 64000 that is neither a user's nor a group's. */
    private static String freeId() {
        for (int id = 64000; id < 65000; id++) {
            if (!exec("getent", "passwd", Integer.toString(id))[0].equals("0") && !exec("getent", "group", Integer.toString(id))[0].equals("0")) {
                return Integer.toString(id);
            }
        }
        throw new AssertionError("no free id in 64000..64999");
    }

    private Process start(String name, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        b.environment().putAll(env);
        Process p = b.start();
        started.add(p);
        return p;
    }

    private String log(String name) {
        try {
            Path f = dir.resolve(name + ".log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void await(String what, Process p, String name, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(p.isAlive(), () -> name + " exited " + p.exitValue() + " before " + what + ":\n" + log(name));
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting for " + what + "; " + name + " logged:\n" + log(name));
            Thread.sleep(200);
        }
    }

    /** Runs a command to its end (bounded) and returns its output; fails on a non-zero exit. */
    private static String run(String... command) {
        String[] r = exec(command);
        assertEquals("0", r[0], () -> String.join(" ", command) + ": " + r[1]);
        return r[1];
    }

    /** {exit status, output} of a command, bounded by a minute. */
    private static String[] exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.cli.testing.Commands;
import io.jlvs.failover.HeartbeatKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jlvsd as separate processes in a network namespace this test makes: a second instance is refused
 * with 75 and leaves the first one's VIP and table alone; after kill -9 the VIP the dead process
 * held is released exactly once, by {@code --release-addresses} (the unit's ExecStopPost) or by the
 * next start.
 */
class LifecycleKernelIT {
    private static final Duration WAIT = JlvsdProcesses.WAIT;
    private static final String VIP = "10.0.0.100";

    @TempDir
    Path dir;
    String ns;
    JlvsdProcesses processes;

    @BeforeEach
    void namespace() {
        processes = new JlvsdProcesses(dir);
        ns = "jlvsd-life-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
        sh("ip", "netns", "add", ns);
        inNs("ip", "link", "set", "lo", "up");
        inNs("ip", "link", "add", "eth0", "type", "dummy");
        inNs("ip", "link", "set", "eth0", "up");
        inNs("ip", "addr", "add", "10.0.0.1/24", "dev", "eth0");
    }

    @AfterEach
    void cleanUp() {
        processes.close();
        run("ip", "netns", "del", ns);
    }

    /** A single director, or a pair whose backup never answers (with the heartbeat key a pair needs). */
    private String lvsCf(boolean paired) {
        String pair = "";
        if (paired) {
            Path key = dir.resolve("heartbeat.key");
            if (!Files.exists(key)) {
                HeartbeatKeyFile.create(key);
            }
            pair = "backup = 10.0.0.9\nheartbeat_key_file = \"" + key + "\"";
        }
        return """
                serial_no = 1
                primary = 10.0.0.1
                %s
                keepalive = 0.5
                deadtime = 2
                network = direct
                virtual web {
                     active = 1
                     address = 10.0.0.100 eth0:1
                     port = 80
                     protocol = tcp
                     scheduler = wlc
                     server rs1 {
                         address = 10.0.0.2
                         port = 80
                         weight = 1
                     }
                }
                """.formatted(pair);
    }

    @Test
    void aSecondInstanceExits75AndKill9IsCleanedUpByReleaseAddresses() throws Exception {
        Path cf = Files.writeString(dir.resolve("lvs.cf"), lvsCf(false));
        Process first = jlvsd("first", "-c", cf.toString());
        await("the first jlvsd to take the VIP", first, "first", () -> vipCount() == 1 && ipvsadm().contains("-A -t 10.0.0.100:80"));
        // Services only: the first one's health check may take the unreachable real server out meanwhile.
        String table = services();

        // A second jlvsd and the release helper, both at once (two JVM starts in the time of one): each
        // refuses while the first one runs.
        Process second = jlvsd("second", "-c", cf.toString());
        Process early = jlvsd("early-release", "--release-addresses", "-c", cf.toString());
        // Bounds for two JVMs starting at once in a loaded emulated guest; each exits as soon as it sees the lock.
        assertTrue(second.waitFor(180, TimeUnit.SECONDS), "the second jlvsd exits by itself");
        assertEquals(75, second.exitValue(), log("second"));
        assertTrue(log("second").contains("another jlvsd manages this network namespace"), log("second"));
        assertTrue(early.waitFor(180, TimeUnit.SECONDS), "the release helper exits by itself");
        assertEquals(75, early.exitValue(), log("early-release"));
        assertTrue(first.isAlive(), "the first one runs on");
        assertEquals(1, vipCount(), "the VIP is still there, once");
        assertEquals(table, services(), "the table is untouched");

        first.destroyForcibly(); // SIGKILL: nothing released
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, vipCount(), "a killed director leaves its VIP behind");

        Process release = jlvsd("release", "--release-addresses", "-c", cf.toString());
        assertTrue(release.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, release.exitValue(), log("release"));
        assertEquals(0, vipCount(), "released");
        assertTrue(inNs("ip", "-o", "addr", "show", "dev", "eth0").contains("10.0.0.1/24"), "nothing else removed");
        assertEquals(table, services(), "the IPVS table is left for the next start");
    }

    @Test
    void aRestartAfterKill9ReleasesTheStaleVipAndHoldsItExactlyOnce() throws Exception {
        Path cf = Files.writeString(dir.resolve("lvs.cf"), lvsCf(true));
        // Paired, with a backup that never answers: the primary becomes ACTIVE after the dead time.
        Process first = jlvsd("first", "-c", cf.toString(), "--node", "primary");
        await("the first jlvsd to become active", first, "first", () -> vipCount() == 1);
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, vipCount(), "a killed director leaves its VIP behind");

        Process restarted = jlvsd("restarted", "-c", cf.toString(), "--node", "primary");
        await("the restarted jlvsd to release the stale VIP", restarted, "restarted",
                () -> log("restarted").contains("release-stale-addresses"));
        await("the restarted jlvsd to become active", restarted, "restarted",
                () -> log("restarted").contains("to=ACTIVE") && vipCount() == 1);
        assertEquals(1, vipCount(), "owned exactly once");
    }

    /**
     * Issue 17: under systemd (Type=notify, WatchdogSec) jlvsd says READY=1 only once the kernel holds its
     * table and the VIP (ipvsadm and ip are the witnesses at that moment), feeds the watchdog with a
     * STATUS line naming its role, brackets a SIGHUP reload with RELOADING=1 and READY=1, and says
     * STOPPING=1 on SIGTERM. The test plays systemd's part: it binds $NOTIFY_SOCKET.
     */
    @Test
    void underSystemdItIsReadyOnceProgrammedFeedsTheWatchdogAndReportsReloadAndStop() throws Exception {
        Path cf = Files.writeString(dir.resolve("lvs.cf"), lvsCf(false));
        String socket = dir.resolve("notify.sock").toString();
        try (NotifySocket systemd = new NotifySocket(socket)) {
            Process p = processes.start("notify", ns, dir.resolve("run"),
                    java.util.Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "2000000"), "-c", cf.toString());
            String ready = systemd.await("READY=1", java.time.Duration.ofSeconds(90), m -> m.contains("READY=1"));
            assertTrue(ipvsadm().contains("-A -t 10.0.0.100:80"), "programmed when ready: " + ipvsadm());
            assertEquals(1, vipCount(), "the VIP is up when ready");
            assertTrue(ready.contains("STATUS=role ACTIVE, 1/1 services programmed"), ready);
            String fed = systemd.await("WATCHDOG=1", java.time.Duration.ofSeconds(20), m -> m.startsWith("WATCHDOG=1"));
            assertTrue(fed.contains("STATUS=role ACTIVE"), fed);

            sh("kill", "-HUP", Long.toString(p.pid()));
            systemd.await("RELOADING=1", java.time.Duration.ofSeconds(30), m -> m.startsWith("RELOADING=1\nMONOTONIC_USEC="));
            systemd.await("READY=1 after the reload", java.time.Duration.ofSeconds(30), m -> m.startsWith("READY=1"));

            p.destroy(); // SIGTERM
            systemd.await("STOPPING=1", java.time.Duration.ofSeconds(60), m -> m.startsWith("STOPPING=1"));
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "stopped");
            assertEquals(0, p.exitValue(), log("notify"));
        }
    }

    /**
     * Issue 15/16: a reload (SIGHUP, as the unit's ExecReload) applies VIP changes without a restart:
     * a changed VIP moves, a new virtual's VIP is added and announced by gratuitous ARP (tcpdump on the
     * interface is the witness), a removed virtual's VIP goes, and the table follows.
     */
    @Test
    void aReloadMovesAddsAndRemovesVipsAndAnnouncesTheNewOnes() throws Exception {
        Path cf = dir.resolve("lvs.cf");
        Files.writeString(cf, lvsCf(false));
        Process director = jlvsd("reload", "-c", cf.toString());
        await("the VIP", director, "reload", () -> count("10.0.0.100") == 1 && ipvsadm().contains("-A -t 10.0.0.100:80"));

        Path arp = dir.resolve("arp.txt");
        Path arpErr = dir.resolve("arp.err");
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", ns, "tcpdump", "-n", "-l", "-i", "eth0", "-c", "1",
                "arp and host 10.0.0.101").redirectOutput(arp.toFile()).redirectError(arpErr.toFile()).start();
        processes.track(tcpdump);
        await("tcpdump to listen", tcpdump, "tcpdump", () -> read(arpErr).contains("listening on"));

        String moved = lvsCf(false).replace("address = 10.0.0.100 eth0:1", "address = 10.0.0.101 eth0:1") + """
                virtual api {
                     active = 1
                     address = 10.0.0.102 eth0:2
                     port = 81
                     protocol = tcp
                     scheduler = rr
                     server rs1 {
                         address = 10.0.0.2
                         port = 81
                         weight = 1
                     }
                }
                """;
        replace(cf, moved);
        sh("kill", "-HUP", Long.toString(director.pid()));
        await("the VIPs to follow the reload", director, "reload", () -> count("10.0.0.100") == 0
                && count("10.0.0.101") == 1 && count("10.0.0.102") == 1);
        await("the table to follow the reload", director, "reload", () -> ipvsadm().contains("-A -t 10.0.0.101:80")
                && ipvsadm().contains("-A -t 10.0.0.102:81") && !ipvsadm().contains("10.0.0.100:80"));
        assertTrue(tcpdump.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "no ARP for the new VIP 10.0.0.101 seen");
        assertTrue(read(arp).contains("10.0.0.101"), "tcpdump saw: " + read(arp));
        assertTrue(log("reload").contains("reconfigure-addresses"), log("reload"));

        replace(cf, lvsCf(false).replace("address = 10.0.0.100 eth0:1", "address = 10.0.0.101 eth0:1"));
        sh("kill", "-HUP", Long.toString(director.pid()));
        await("the removed virtual's VIP to go", director, "reload", () -> count("10.0.0.102") == 0
                && !ipvsadm().contains("10.0.0.102:81"));
        assertEquals(1, count("10.0.0.101"), "the kept VIP stays, once");
        assertTrue(director.isAlive());
    }

    /**
     * Issue 15: with --netns, health probes and check programs run in the managed namespace, also those a
     * reload (SIGHUP) adds. The real server 10.0.0.1:8080 (busybox httpd) and the address the program
     * looks for exist only there: probes from anywhere else fail and take the servers out.
     */
    @Test
    void probesAndCheckProgramsRunInTheManagedNamespaceAlsoAfterAReload() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok\n");
        processes.track(new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "httpd", "-f", "-p", "10.0.0.1:8080", "-h",
                www.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("httpd.log").toFile()).start());
        Path check = dir.resolve("in-namespace");
        Files.writeString(check, "#!/bin/sh\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\necho \"$1\" >> \"" + dir + "/ran-$1\"\n"
                + "ip -o -4 addr show | grep -q ' 10.0.0.1/'\n");
        Files.setPosixFilePermissions(check, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String base = """
                serial_no = 1
                primary = 10.0.0.1
                network = direct
                virtual web {
                     active = 1
                     address = 10.0.0.100 eth0:1
                     port = 80
                     scheduler = rr
                     check_interval = 1
                     timeout = 2
                     server rs1 {
                         address = 10.0.0.1
                         port = 8080
                         weight = 1
                     }
                }
                virtual prog {
                     active = 1
                     address = 10.0.0.101 eth0:2
                     port = 80
                     scheduler = rr
                     send_program = "%s web"
                     check_interval = 1
                     server rs1 {
                         address = 10.0.0.1
                         port = 8081
                         weight = 1
                     }
                }
                """.formatted(check);
        Path cf = Files.writeString(dir.resolve("lvs.cf"), base);
        Process director = jlvsd("netns", "-c", cf.toString());
        processes.await("three runs of the check program", director, "netns", () -> runs("web") >= 3,
                () -> "threads of jlvsd:\n" + Commands.run(java.nio.file.Path.of(System.getProperty("java.home"), "bin",
                        "jcmd").toString(), Long.toString(director.pid()), "Thread.print")[1]);
        Thread.sleep(3_000);   // three more probe rounds of the TCP check
        assertTrue(ipvsadm().contains("-a -t 10.0.0.100:80 -r 10.0.0.1:8080"), ipvsadm() + log("netns"));
        assertTrue(ipvsadm().contains("-a -t 10.0.0.101:80 -r 10.0.0.1:8081"), ipvsadm() + log("netns"));

        replace(cf, base + """
                virtual added {
                     active = 1
                     address = 10.0.0.102 eth0:3
                     port = 80
                     scheduler = rr
                     send_program = "%s added"
                     check_interval = 1
                     server rs1 {
                         address = 10.0.0.1
                         port = 8082
                         weight = 1
                     }
                }
                """.formatted(check));
        sh("kill", "-HUP", Long.toString(director.pid()));
        await("three runs of the reload's check program", director, "netns", () -> runs("added") >= 3);
        Thread.sleep(2_000);
        String table = ipvsadm();
        assertTrue(table.contains("-a -t 10.0.0.102:80 -r 10.0.0.1:8082"), table + log("netns"));
        assertTrue(table.contains("-a -t 10.0.0.100:80 -r 10.0.0.1:8080"), table + log("netns"));
        assertTrue(table.contains("-a -t 10.0.0.101:80 -r 10.0.0.1:8081"), table + log("netns"));
        assertTrue(!log("netns").contains("to=DOWN") && !log("netns").contains("state=down"), log("netns"));
    }

    private long runs(String name) {
        Path f = dir.resolve("ran-" + name);
        return Files.exists(f) ? read(f).lines().count() : 0;
    }

    // ---- helpers ----

    /** Writes {@code text} to {@code file} in one rename, as an editor saving it would. */
    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long count(String ip) {
        return Commands.count(ns, ip);
    }

    private Process jlvsd(String name, String... args) throws IOException {
        return processes.start(name, ns, dir.resolve("run"), args);
    }

    private String log(String name) {
        return processes.log(name);
    }

    private long vipCount() {
        return count(VIP);
    }

    private String services() {
        return String.join("\n", ipvsadm().lines().filter(l -> l.startsWith("-A ")).toList());
    }

    private String ipvsadm() {
        return inNs("ipvsadm", "-Sn");
    }

    /** Waits for {@code done} while {@code p} runs; a failure shows what {@code p} logged. */
    private void await(String what, Process p, String name, BooleanSupplier done) throws InterruptedException {
        processes.await(what, p, name, done, () -> "addresses:\n" + inNs("ip", "-o", "addr", "show"));
    }

    private String inNs(String... command) {
        return Commands.inNs(ns, command);
    }

    private static String sh(String... command) {
        return Commands.sh(command);
    }

    private static String[] run(String... command) {
        return Commands.run(command);
    }
}

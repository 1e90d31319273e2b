package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * jlvsd --check: lvs.cf validated as a start would, offline (this host has no IPVS, so passing here
 * also proves no kernel is asked), with a start's messages and exit 78 for a rejected file.
 */
class CheckTest {
    private static final String GOOD = """
            serial_no = 1
            primary = 10.23.8.1
            service = lvs
            network = direct
            virtual web {
                 active = 1
                 address = 10.23.8.80 eth0:1
                 port = 80
                 scheduler = rr
                 server rs1 {
                     address = 10.11.12.11
                     active = 1
                     weight = 1
                 }
            }
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return new CommandLine(new Jlvsd()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("lvs.cf"), text);
    }

    @Test
    void aGoodFileIsAcceptedOffline() throws Exception {
        Path file = write(GOOD);

        assertEquals(0, run("--check", "-c", file.toString()), err.toString());
        assertTrue(out.toString().contains(file + ": configuration OK (1 virtual server(s), 1 active)"), out.toString());
    }

    @Test
    void withAJlvsdRunningItListsWhatAReloadWouldLeaveForARestart() throws Exception {
        Path file = write(GOOD.replace("network = direct", "network = direct\nkeepalive = 1\ndeadtime = 4"));
        Path state = dir.resolve("owned");
        // what a running jlvsd writes beside its state file: the settings it started with
        Files.writeString(dir.resolve("owned.restart-only"), "# written by jlvsd\nkeepalive=6s\ndeadtime=18s\npriority=100\n");

        assertEquals(0, run("--check", "--state-file", state.toString(), "-c", file.toString()), err.toString());
        assertTrue(out.toString().contains("these wait for a restart of the running jlvsd: keepalive (6s -> 1s), "
                + "deadtime (18s -> 4s)"), out.toString());
    }

    @Test
    void aBadValueIsRejectedWithFileLineAndKeyAndExit78() throws Exception {
        Path file = write(GOOD.replace("weight = 1", "weight = x"));

        assertEquals(78, run("--check", "-c", file.toString()));
        assertTrue(err.toString().contains(file + ":13: weight:"), err.toString());
    }

    @Test
    void aSchedulerWithoutAModuleIsRejectedAsAStartWouldReject() throws Exception {
        Path file = write(GOOD.replace("scheduler = rr", "scheduler = fastest"));

        assertEquals(78, run("--check", "-c", file.toString()));
        assertTrue(err.toString().contains(file + ":5: scheduler: virtual web:"), err.toString());
    }

    @Test
    void aPairWithoutAHeartbeatKeyIsRejected() throws Exception {
        Path file = write(GOOD.replace("service = lvs", "service = lvs\nbackup = 10.23.8.2\nbackup_active = 1\nheartbeat = 1"));

        assertEquals(78, run("--check", "-c", file.toString()));
        assertTrue(err.toString().contains("jlvsd keygen"), err.toString());
    }

    @Test
    void checkNeedsAFileAndExcludesPlan() throws Exception {
        assertEquals(64, run("--check"));
        assertEquals(64, run("--check", "--plan", "-c", write(GOOD).toString()));
    }
}

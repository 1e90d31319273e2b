package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jlvsadm's changes to the table, checked with real ipvsadm: the same command lines given to ipvsadm
 * in one fresh namespace and to jlvsadm in another must leave the same tables (ipvsadm -Sn, plus the
 * listings that show what -S leaves out), and succeed or fail alike.
 */
class MutationKernelIT {
    private Netns byIpvsadm;
    private Netns byJlvsadm;

    @BeforeEach
    void namespaces() {
        byIpvsadm = Netns.create();
        byJlvsadm = Netns.create();
    }

    @AfterEach
    void deleteNamespaces() {
        byIpvsadm.close();
        byJlvsadm.close();
    }

    /** Gives the same command line to both tools; both succeed or both fail. */
    private void both(String line) {
        String[] args = line.split(" ");
        Netns.Result expected = byIpvsadm.ipvsadm(args);
        JlvsadmRun actual = byJlvsadm.jlvsadm(args);
        assertEquals(expected.status() == 0, actual.status() == 0,
                () -> "'" + line + "': ipvsadm " + expected + "\njlvsadm " + actual);
        if (actual.status() != 0) {
            assertFalse(actual.err().isBlank(), () -> "'" + line + "' failed without a message");
            assertFalse(actual.err().contains("Exception"), actual::toString);
        }
    }

    /** Both tables look the same to ipvsadm in every listing that shows settings (see {@link Listings}). */
    private void assertSameTables() {
        for (String listing : List.of("-Sn", "-Ln --thresholds", "-Ln --tun-info", "-Ln --persistent-conn", "-L --timeout")) {
            assertSameListing(listing);
        }
    }

    private void assertSameListing(String listing) {
        assertEquals(Listings.byContent(byIpvsadm.ipvsadmOk(listing)), Listings.byContent(byJlvsadm.ipvsadmOk(listing)),
                "ipvsadm " + listing);
    }

    @Test
    void theReferenceTableCommandByCommand() {
        for (String command : ReferenceTable.COMMANDS) {
            both(command);
        }
        assertSameTables();
    }

    @Test
    void editsDeletesFailuresAndTimeouts() {
        for (String command : List.of(
                "-A -t 10.0.0.1:80 -s rr",
                "-A -t 10.0.0.1:80 -s rr",
                "-a -t 10.0.0.1:80 -r 10.0.0.2 -m -w 2",
                "-a -t 10.0.0.1:80 -r 10.0.0.2 -m",
                "-e -t 10.0.0.1:80 -r 10.0.0.2 -m -w 5 -x 50 -y 5",
                "-e -t 10.0.0.1:80 -r 10.0.0.3 -m",
                "-E -t 10.0.0.1:80 -s wrr -p 100",
                "-E -t 10.0.0.9:80",
                "-a -t 10.0.0.1:80 -r 10.0.0.3 -i --tun-type gue --tun-port 7000 --tun-remcsum",
                "-e -t 10.0.0.1:80 -r 10.0.0.3 -i --tun-type gre --tun-csum",
                "-a -t 10.0.0.1:80 -r 10.0.0.4:8080 -m -w 0",
                "-d -t 10.0.0.1:80 -r 10.0.0.2",
                "-d -t 10.0.0.1:80 -r 10.0.0.2",
                "-Z -t 10.0.0.1:80",
                "-Z",
                "-Z -t 10.0.0.9:80",
                "-A -u [2001:db8::1]:53 -s sh -b sh-port -o",
                "-a -u [2001:db8::1]:53 -r [2001:db8::2]:5353 -m",
                "-A -f 9 -6 -p -M 48",
                "-D -t 10.0.0.1:80",
                "-D -t 10.0.0.1:80",
                "--set 1000 100 200",
                "--set 0 0 50",
                "-A -t 10.0.0.5:80 -s nosuchsched",
                "-A -t 10.0.0.5:80 -p --pe nosuchpe",
                "-A -t 10.0.0.6:80 -p")) {
            both(command);
            assertSameListing("-Sn");
            if (command.startsWith("-e") || command.startsWith("--set")) {
                assertSameTables();
            }
        }
        assertSameTables();
        both("-C");
        assertSameTables();
    }

    @Test
    void syncDaemons() {
        for (Netns ns : List.of(byIpvsadm, byJlvsadm)) {
            ns.ok("ip", "link", "add", "jv0", "type", "veth", "peer", "name", "jv1");
            ns.ok("ip", "link", "set", "jv0", "up");
            ns.ok("ip", "link", "set", "jv1", "up");
        }
        both("--start-daemon master --mcast-interface jv0 --syncid 7 --mcast-port 8900 --mcast-ttl 2");
        both("--start-daemon backup --mcast-interface jv1 --mcast-group ff02::1:4 --sync-maxlen 1000");
        both("--start-daemon master --mcast-interface jv0");
        assertEquals(byIpvsadm.ipvsadmOk("-L --daemon"), byJlvsadm.ipvsadmOk("-L --daemon"));
        both("--stop-daemon master");
        assertEquals(byIpvsadm.ipvsadmOk("-L --daemon"), byJlvsadm.ipvsadmOk("-L --daemon"));
        both("--stop-daemon backup");
        both("--stop-daemon backup");
        assertEquals("", byJlvsadm.ipvsadmOk("-L --daemon"));
    }

    @Test
    void restoreOfIpvsadmSaveOutputAsIpvsadmRestoresIt() {
        Netns original = Netns.create();
        try {
            for (String command : ReferenceTable.COMMANDS) {
                original.ipvsadmOk(command);
            }
            // Left out: ipvsadm -S prints a mark above 2^31 as a negative number, which its own -R refuses
            // (jlvsadm reads it back, see restoreReadsNegativeFirewallMarks); and "-b " without flag names
            // for sh with only flag-3, which neither -R reads (ipvsadm skips the line, jlvsadm refuses it).
            String saved = original.ipvsadmOk("-Sn").lines().filter(l -> !l.contains("-f -") && !l.endsWith("-b "))
                    .map(l -> l + "\n").reduce("", String::concat);
            Netns.Result expected = byIpvsadm.exec("sh", "-c", "ipvsadm -R <<'EOF'\n" + saved + "EOF\n");
            assertEquals(0, expected.status(), expected::toString);
            JlvsadmRun r = byJlvsadm.jlvsadmReading(saved, "-R");
            assertEquals(0, r.status(), r::toString);
            assertSameTables();
        } finally {
            original.close();
        }
    }

    @Test
    void restoreReadsNegativeFirewallMarks() {
        byIpvsadm.ipvsadmOk("-A -f 2147483649 -s wrr");
        String saved = byIpvsadm.ipvsadmOk("-Sn");
        assertEquals("-A -f -2147483647 -s wrr\n", saved);
        JlvsadmRun r = byJlvsadm.jlvsadmReading(saved, "-R");
        assertEquals(0, r.status(), r::toString);
        assertEquals(saved, byJlvsadm.ipvsadmOk("-Sn"));
    }

    @Test
    void restoreWithClearReplacesTheTable() {
        byJlvsadm.ipvsadmOk("-A -t 10.0.0.1:80");
        byJlvsadm.ipvsadmOk("-A -t 10.0.0.2:80");
        JlvsadmRun r = byJlvsadm.jlvsadmReading("-C\n-A -t 10.0.0.3:80 -s rr\n-a -t 10.0.0.3:80 -r 10.0.0.4 -m\n", "-R");
        assertEquals(0, r.status(), r::toString);
        assertEquals("-A -t 10.0.0.3:80 -s rr\n-a -t 10.0.0.3:80 -r 10.0.0.4:80 -m -w 1\n", byJlvsadm.ipvsadmOk("-Sn"));
    }

    @Test
    void restoreWithABadLineAppliesNothing() {
        JlvsadmRun r = byJlvsadm.jlvsadmReading("-A -t 10.0.0.1:80\n-a -t 10.0.0.1:80 -r 10.0.0.2 -m\n-a -t 10.0.0.1:80 -r 10.0.0.3 -x 5 -y 9\n", "-R");
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().startsWith("line 3: lower threshold 9 is above upper threshold 5"), r::toString);
        assertEquals("", byJlvsadm.ipvsadmOk("-Sn"));
    }

    @Test
    void restoreReportsWhatTheKernelRefusedByLine() {
        byJlvsadm.ipvsadmOk("-A -t 10.0.0.1:80");
        JlvsadmRun r = byJlvsadm.jlvsadmReading("-A -t 10.0.0.2:80\n-A -t 10.0.0.1:80\n-a -t 10.0.0.2:80 -r 10.0.0.3 -m\n", "-R");
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.err().startsWith("line 2: add service TCP 10.0.0.1:80"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertEquals("-A -t 10.0.0.1:80 -s wlc\n-A -t 10.0.0.2:80 -s wlc\n-a -t 10.0.0.2:80 -r 10.0.0.3:80 -m -w 1\n",
                byJlvsadm.ipvsadmOk("-Sn"));
    }

    @Test
    void dryRunChangesNothing() {
        byJlvsadm.ipvsadmOk("-A -t 10.0.0.1:80");
        JlvsadmRun r = byJlvsadm.jlvsadmReading("-A -t 10.0.0.1:80\n-A -t 10.0.0.2:80 -s rr\n", "-R", "--dry-run");
        assertEquals(0, r.status(), r::toString);
        assertEquals("line 1: add service TCP 10.0.0.1:80 wlc: would fail: service TCP 10.0.0.1:80 already exists\n"
                + "line 2: add service TCP 10.0.0.2:80 rr\n"
                + "2 operations: 1 would change the table, 0 would change nothing, 1 would fail\n", r.out());
        assertEquals("-A -t 10.0.0.1:80 -s wlc\n", byJlvsadm.ipvsadmOk("-Sn"));
    }

    @Test
    void kernelRefusalsAreTypedMessagesWithoutStackTraces() {
        JlvsadmRun r = byJlvsadm.jlvsadm("-D", "-t", "10.0.0.9:80");
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.err().contains("TCP 10.0.0.9:80"), r::toString);
        assertTrue(r.err().contains("no such"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        r = byJlvsadm.jlvsadm("-Ln", "-t", "10.0.0.9:80");
        assertEquals(1, r.status(), r::toString);
        assertEquals("no such service TCP 10.0.0.9:80\n", r.err());
    }

    @Test
    void realServerInANamespaceWithLoopbackDownGetsAHint() {
        Netns untouched = Netns.createWithLoopbackDown();
        try {
            assertEquals(0, untouched.jlvsadm("-A", "-t", "10.0.0.1:80").status());
            JlvsadmRun r = untouched.jlvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.0.2", "-m");
            assertEquals(1, r.status(), r::toString);
            assertTrue(r.err().contains("'lo' up"), r::toString);
        } finally {
            untouched.close();
        }
    }
}

package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jlvsadm's listings against real ipvsadm's on the same kernel table: byte for byte, header lines
 * included. The table is {@link ReferenceTable}, built by ipvsadm in a fresh namespace, with some
 * traffic through it so that counters are not all zero. The sync daemons have a namespace of their own:
 * the kernel refuses them (EINVAL) where a service has a real server of the other family.
 */
class ListingKernelIT {
    private static Netns ns;
    private static Netns client;

    @BeforeAll
    static void buildTable() {
        ns = Netns.create();
        ns.ok("ip", "addr", "add", "10.0.0.1/32", "dev", "lo");
        for (String command : ReferenceTable.COMMANDS) {
            ns.ipvsadmOk(command);
        }
        // Traffic from a client namespace over a veth pair, so that counters, rates (two seconds later)
        // and the connection table are not empty: UDP datagrams to 10.0.0.1:53 (one-packet scheduling:
        // counted, but no connection entries) and :54, a SIP message to the persistent :5060 (a template
        // with the sip engine's data), a TCP attempt to :80.
        client = Netns.create();
        ns.ok("ip", "link", "add", "jc0", "type", "veth", "peer", "name", "jc1", "netns", client.name());
        ns.ok("ip", "addr", "add", "10.9.0.1/24", "dev", "jc0");
        ns.ok("ip", "link", "set", "jc0", "up");
        client.ok("ip", "addr", "add", "10.9.0.2/24", "dev", "jc1");
        client.ok("ip", "link", "set", "jc1", "up");
        client.ok("ip", "route", "add", "10.0.0.0/24", "via", "10.9.0.1");
        client.exec("bash", "-c", "for i in 1 2 3 4 5; do echo hello >/dev/udp/10.0.0.1/53; echo hello >/dev/udp/10.0.0.1/54; done");
        client.exec("bash", "-c", "printf 'INVITE sip:a@b SIP/2.0\\r\\nCall-ID: 1234@host\\r\\n\\r\\n' >/dev/udp/10.0.0.1/5060");
        client.exec("timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/10.0.0.1/80");
    }

    @AfterAll
    static void deleteNamespace() {
        if (client != null) {
            client.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** ipvsadm ARGS and jlvsadm ARGS print the same and exit the same. */
    private static void assertSameAsIpvsadm(String... args) {
        Netns.Result expected = ns.ipvsadm(args);
        JlvsadmRun actual = ns.jlvsadm(args);
        assertEquals(0, expected.status(), () -> "ipvsadm " + String.join(" ", args) + " failed: " + expected);
        assertEquals(expected.out(), actual.out(), () -> "jlvsadm " + String.join(" ", args) + ": " + actual
                + "\nipvsadm: " + expected);
        assertEquals(expected.status(), actual.status(), actual::toString);
    }

    /**
     * For counters and rates that the kernel may change between two reads: jlvsadm's output equals
     * ipvsadm's from just before or just after it, in one of a few tries.
     */
    private static void assertSameAsIpvsadmAround(String... args) {
        assertSameAsIpvsadmAround(UnaryOperator.identity(), args);
    }

    private static void assertSameAsIpvsadmAround(UnaryOperator<String> normalize, String... args) {
        String report = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            Netns.Result before = ns.ipvsadm(args);
            JlvsadmRun actual = ns.jlvsadm(args);
            Netns.Result after = ns.ipvsadm(args);
            assertEquals(0, actual.status(), actual::toString);
            String mine = normalize.apply(actual.out());
            if (mine.equals(normalize.apply(before.out())) || mine.equals(normalize.apply(after.out()))) {
                return;
            }
            report = "jlvsadm: " + actual + "\nipvsadm before: " + before + "\nipvsadm after: " + after;
        }
        throw new AssertionError("jlvsadm " + String.join(" ", args) + " never matched ipvsadm:\n" + report);
    }

    @Test
    void numeric() {
        assertSameAsIpvsadm("-Ln");
        assertSameAsIpvsadm("-L", "-n", "--sort");
        assertSameAsIpvsadm("-l", "--numeric");
    }

    @Test
    void numericExact() {
        assertSameAsIpvsadm("-Ln", "--exact");
    }

    @Test
    void stats() {
        String udp = ns.ipvsadmOk("-Ln --stats --exact -u 10.0.0.1:53").lines().filter(l -> l.startsWith("UDP"))
                .findFirst().orElseThrow();
        assertNotEquals("0", udp.split(" +")[2], "the traffic was counted: " + udp);
        assertSameAsIpvsadmAround("-Ln", "--stats");
        assertSameAsIpvsadmAround("-Ln", "--stats", "--exact");
    }

    @Test
    void rate() {
        assertSameAsIpvsadmAround("-Ln", "--rate");
        assertSameAsIpvsadmAround("-Ln", "--rate", "--exact");
    }

    @Test
    void thresholdsPersistentConnectionsTunnelInfo() {
        assertSameAsIpvsadm("-Ln", "--thresholds");
        assertSameAsIpvsadm("-Ln", "--persistent-conn");
        assertSameAsIpvsadm("-Ln", "--tun-info");
    }

    @Test
    void kernelOrder() {
        assertSameAsIpvsadm("-Ln", "--nosort");
    }

    @Test
    void oneService() {
        assertSameAsIpvsadm("-Ln", "-t", "10.0.0.1:80");
        assertSameAsIpvsadm("-Ln", "-f", "6", "-6");
        assertSameAsIpvsadm("-Ln", "-t", "[2001:db8::1]:80", "--thresholds");
        assertSameAsIpvsadmAround("-Ln", "-u", "10.0.0.1:53", "--stats");
    }

    @Test
    void withNames() {
        assertSameAsIpvsadm("-L");
        assertSameAsIpvsadm();
        assertSameAsIpvsadm("-L", "--persistent-conn");
    }

    @Test
    void save() {
        assertSameAsIpvsadm("-Sn");
        assertSameAsIpvsadm("-S");
        assertEquals(2, ns.ipvsadm("-S", "-n", "--nosort").status());
        assertEquals(2, ns.jlvsadm("-S", "-n", "--nosort").status());
    }

    /** A connection's expiry ("04:59") counts down every second: compare everything else. */
    private static String withoutExpiry(String listing) {
        return listing.replaceAll("(?m)^(\\S+ +)\\d+:\\d+", "$1mm:ss");
    }

    @Test
    void connections() {
        assertTrue(ns.ipvsadmOk("-Lnc").lines().count() > 2, "the traffic left connections");
        assertSameAsIpvsadmAround(ListingKernelIT::withoutExpiry, "-Lnc");
        assertSameAsIpvsadmAround(ListingKernelIT::withoutExpiry, "-L", "-c", "-n", "--persistent-conn");
        assertSameAsIpvsadmAround(ListingKernelIT::withoutExpiry, "-L", "-c");
    }

    @Test
    void timeouts() {
        assertSameAsIpvsadm("-L", "--timeout");
    }

    @Test
    void daemons() {
        Netns daemons = Netns.create();
        try {
            daemons.ok("ip", "link", "add", "jv0", "type", "veth", "peer", "name", "jv1");
            daemons.ok("ip", "link", "set", "jv0", "up");
            daemons.ok("ip", "link", "set", "jv1", "up");
            daemons.ipvsadmOk("--start-daemon master --mcast-interface jv0 --syncid 5");
            daemons.ipvsadmOk("--start-daemon backup --mcast-interface jv1 --syncid 6 --mcast-group 239.1.2.3"
                    + " --mcast-port 9000 --mcast-ttl 3 --sync-maxlen 1200");
            Netns.Result expected = daemons.ipvsadm("-L", "--daemon");
            assertEquals(2, expected.out().lines().count(), expected::toString);
            assertEquals(expected.out(), daemons.jlvsadm("-L", "--daemon").out());
            assertEquals(expected.out(), daemons.jlvsadm("-l", "--daemon", "-n").out());
            daemons.ipvsadm("--stop-daemon", "master");
            daemons.ipvsadm("--stop-daemon", "backup");
        } finally {
            daemons.close();
        }
    }

    @Test
    void json() throws Exception {
        JlvsadmRun r = ns.jlvsadm("-Ln", "--json");
        assertEquals(0, r.status(), r::toString);
        JsonNode root = new ObjectMapper().readTree(r.out());
        long services = ns.ipvsadmOk("-Sn").lines().filter(l -> l.startsWith("-A ")).count();
        assertEquals(services, root.get("services").size());
        assertTrue(root.get("services").toString().contains("\"address\":\"2001:db8::2\""), r::toString);
    }
}

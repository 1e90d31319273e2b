package io.jlvs.health;

import static io.jlvs.testing.LinkedNamespaces.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.sys.Syscalls;
import io.jlvs.testing.LinkedNamespaces;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ping check between two namespaces joined by a veth: the peer's kernel answers (or nobody does),
 * and the peer's own ICMP counters ({@code /proc/net/snmp}, {@code /proc/net/snmp6}) witness that each
 * echo request really arrived. Both socket kinds: raw where {@code ping_group_range} is the kernel's
 * empty default, datagram once the namespace's range includes root's group. Needs root.
 */
@Timeout(60)
class PingCheckLiveTest {
    private LinkedNamespaces net;

    @BeforeEach
    void setUp() {
        net = LinkedNamespaces.create();
        sh(net.director(), "ip addr add 10.78.0.1/24 dev eth0 && ip addr add fd78::1/64 dev eth0 nodad");
        sh(net.peer(), "ip addr add 10.78.0.2/24 dev eth0 && ip addr add fd78::2/64 dev eth0 nodad");
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void upThroughARawSocketWhenPingSocketsAreNotAllowed() throws Exception {
        upThrough("1 0", "raw ICMP socket");
    }

    @Test
    void upThroughADatagramSocketWhenRootsGroupMayPing() throws Exception {
        upThrough("0 0", "datagram ICMP socket");
    }

    /** With the director's ping_group_range set to {@code range}, the probe uses {@code kind} and the peer counts one echo. */
    private void upThrough(String range, String kind) {
        sh(net.director(), "echo '" + range + "' > /proc/sys/net/ipv4/ping_group_range");
        long before = peerCounter("Icmp:", "InEchos");

        ProbeResult result = probe("10.78.0.2", Duration.ofSeconds(3));

        assertTrue(result.up(), result::toString);
        assertTrue(result.reason().contains(kind), result::toString);
        assertEquals(before + 1, peerCounter("Icmp:", "InEchos"), "the peer's kernel got exactly one echo request");
    }

    @Test
    void upOverIcmpV6BothWays() throws Exception {
        for (String range : new String[] {"1 0", "0 0"}) {
            sh(net.director(), "echo '" + range + "' > /proc/sys/net/ipv4/ping_group_range");
            long before = peerCounter6("Icmp6InEchos");

            ProbeResult result = probe("fd78::2", Duration.ofSeconds(3));

            assertTrue(result.up(), () -> range + ": " + result);
            assertEquals(before + 1, peerCounter6("Icmp6InEchos"), range);
        }
    }

    @Test
    void downWithTheReasonWhenNobodyAnswers() throws Exception {
        long start = System.nanoTime();
        ProbeResult result = probe("10.78.0.9", Duration.ofMillis(500));

        assertFalse(result.up(), result::toString);
        assertEquals("no echo reply within 500ms", result.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    void downWhenTheSourceAddressIsNotThisHosts() throws Exception {
        PingCheck check = new PingCheck(Duration.ofSeconds(1), Optional.of(InetAddress.getByName("10.78.0.77")));
        ProbeResult result = inDirector(check, "10.78.0.2");

        assertFalse(result.up(), result::toString);
        assertTrue(result.reason().startsWith("bind to source 10.78.0.77:"), result::toString);
    }

    private ProbeResult probe(String target, Duration timeout) {
        return inDirector(PingCheck.withTimeout(timeout), target);
    }

    private ProbeResult inDirector(PingCheck check, String target) {
        return net.directorNamespace().call(Syscalls.system(), () -> {
            try {
                return check.probe(new InetSocketAddress(InetAddress.getByName(target), 80));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** A counter of the peer's {@code /proc/net/snmp}: a header line and a value line share {@code prefix}. */
    private long peerCounter(String prefix, String name) {
        String[] lines = sh(net.peer(), "grep '^" + prefix + "' /proc/net/snmp").split("\n");
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[1].trim().split("\\s+");
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return Long.parseLong(values[i]);
            }
        }
        throw new AssertionError(name + " not in " + lines[0]);
    }

    private long peerCounter6(String name) {
        String line = sh(net.peer(), "grep '^" + name + " ' /proc/net/snmp6").trim();
        return Long.parseLong(line.split("\\s+")[1]);
    }
}

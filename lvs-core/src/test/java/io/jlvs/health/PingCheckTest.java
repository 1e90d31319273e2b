package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ping check against this host's loopback, on the virtual threads the monitor runs probes on.
 * Needs a datagram ICMP socket (ping_group_range) or root for a raw one; the reasons for down and the
 * other socket kind are tested between namespaces ({@link PingCheckLiveTest}).
 */
@Timeout(30)
class PingCheckTest {

    @Test
    void loopbackAnswersOverIcmpAndIcmpV6() throws Exception {
        for (String address : new String[] {"127.0.0.1", "::1"}) {
            ProbeResult result = onVirtualThread(PingCheck.withTimeout(Duration.ofSeconds(3)), address);
            assertTrue(result.up(), () -> address + ": " + result);
            assertTrue(result.reason().startsWith("echo reply in "), result::toString);
        }
    }

    @Test
    void aSourceOfTheOtherFamilyIsNamedAsTheReason() throws Exception {
        PingCheck check = new PingCheck(Duration.ofSeconds(1), Optional.of(InetAddress.getByName("::1")));
        ProbeResult result = onVirtualThread(check, "127.0.0.1");
        assertTrue(!result.up() && result.reason().contains("not of 127.0.0.1's address family"), result::toString);
    }

    @Test
    void manyAtOnceOnVirtualThreadsAllComeBack() throws Exception {
        PingCheck check = PingCheck.withTimeout(Duration.ofSeconds(5));
        Thread[] threads = new Thread[64];
        ProbeResult[] results = new ProbeResult[threads.length];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    results[n] = check.probe(new InetSocketAddress(InetAddress.getByName("127.0.0." + (n + 1)), 0));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        for (ProbeResult r : results) {
            assertTrue(r != null && r.up(), String.valueOf(r));
        }
    }

    private static ProbeResult onVirtualThread(PingCheck check, String address) throws Exception {
        ProbeResult[] out = new ProbeResult[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                out[0] = check.probe(new InetSocketAddress(InetAddress.getByName(address), 0));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.join();
        return out[0];
    }
}

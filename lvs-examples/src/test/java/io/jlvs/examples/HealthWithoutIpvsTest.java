package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.HealthMonitor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link HealthWithoutIpvs} on loopback: a server that stops listening is reported, with no IPVS anywhere. */
class HealthWithoutIpvsTest {
    @Test
    void aServerThatStopsListeningIsReportedByTheCustomActuator() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket alive = new ServerSocket(0, 50, lo); ServerSocket dying = new ServerSocket(0, 50, lo)) {
            InetSocketAddress a = new InetSocketAddress(lo, alive.getLocalPort());
            InetSocketAddress d = new InetSocketAddress(lo, dying.getLocalPort());
            try (HealthMonitor monitor = HealthWithoutIpvs.watch(List.of(a, d), Duration.ofMillis(200), lines::add)) {
                dying.close();
                String expected = lo.getHostAddress() + ":" + d.getPort() + ": up weight 1 -> ";
                for (int i = 0; i < 300 && lines.stream().noneMatch(l -> l.startsWith(expected)); i++) {
                    Thread.sleep(50);
                }
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(expected)), "reported: " + lines);
                assertTrue(lines.stream().noneMatch(l -> l.startsWith(lo.getHostAddress() + ":" + a.getPort())),
                        "the live one stays up: " + lines);
            }
        }
    }
}

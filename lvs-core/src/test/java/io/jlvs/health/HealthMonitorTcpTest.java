package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.internal.check.testing.FullBacklogServer;
import io.jlvs.health.internal.check.testing.TcpServer;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP checks in a running monitor, real clock and loopback servers: they run as non-blocking connects
 * on the monitor's connector threads (not a thread per probe) and reach the same verdicts as the
 * blocking check: up, refused, timed out.
 */
@Timeout(30)
class HealthMonitorTcpTest {

    @Test
    void tcpChecksRunOnTheConnectorWithTheBlockingChecksVerdicts() throws Exception {
        TcpConnectCheck check = new TcpConnectCheck(ConnectOptions.of(Duration.ofMillis(150)));
        HealthPolicy policy = HealthPolicy.builder().interval(Duration.ofMillis(200)).rise(1).fall(1).build();
        Map<InetSocketAddress, ProbeResult> last = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (TcpServer serving = TcpServer.start(socket -> {});
                FullBacklogServer stalled = new FullBacklogServer()) {
            InetSocketAddress refusing = TcpServer.refusingAddress();
            List<InetSocketAddress> targets = List.of(serving.address(), refusing, stalled.address());
            WatchedService service = new WatchedService(
                    VirtualService.builder(ServiceKey.tcp(InetAddress.getByName("10.0.0.1"), 80)).build(),
                    targets.stream().map(t -> WatchedServer.of(
                            RealServer.builder(t.getAddress(), t.getPort()).masquerade().build(), check)).toList(),
                    policy);
            try (HealthMonitor monitor = HealthMonitor.builder(Actuator.none()).watch(service)
                    .probeObserver((target, c, scheduled, started, result) -> {
                        last.put(target, result);
                        threads.add(Thread.currentThread().getName());
                    })
                    .build()) {
                monitor.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (last.size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            assertEquals(3, last.size(), "every server probed: " + last);
            assertTrue(last.get(serving.address()).up(), last.get(serving.address()).reason());
            assertFalse(last.get(refusing).up());
            assertEquals(check.probe(refusing).reason(), last.get(refusing).reason());
            assertEquals("connection refused", last.get(refusing).reason());
            assertFalse(last.get(stalled.address()).up());
            assertEquals(check.probe(stalled.address()).reason(), last.get(stalled.address()).reason());
            assertTrue(threads.stream().allMatch(n -> n.startsWith("jlvs-health-tcp")), "probed on " + threads);
        }
    }
}

package io.jlvs.ipvs.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.IpvsadmListing;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.Poll;
import io.jlvs.testing.TcpEcho;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Counters and connection counts under real traffic: a TCP echo server on a real-server address on
 * lo, a masquerading service on a VIP also on lo, and clients connecting to the VIP from the same
 * namespace (IPVS schedules locally originated connections at LOCAL_OUT). The witness is
 * {@code ipvsadm -Ln --stats --exact}.
 *
 * <p>IPVS folds its per-CPU counters into what it reports every 2 s (the rate estimator's timer), so
 * counters are read once they have stayed unchanged for longer than that.
 */
@KernelTest
class StatsKernelIT {
    private static final InetAddress VIP = ip("10.0.0.100");
    private static final InetAddress REAL = ip("10.0.0.2");
    private static final int REAL_PORT = 8080;
    private static final ServiceKey WEB = ServiceKey.tcp(VIP, 80);
    private static final ServiceKey OTHER = ServiceKey.tcp(VIP, 81);
    /** Longer than the estimator's 2 s period. */
    private static final Duration FOLDED = Duration.ofMillis(2600);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private static void addressesAndService(KernelNamespace ns, ServiceKey... services) {
        ns.addLoopbackAddress(VIP, 32);
        ns.addLoopbackAddress(REAL, 32);
        for (ServiceKey service : services) {
            ns.ipvs().addService(VirtualService.builder(service).scheduler(Scheduler.RR).build());
            ns.ipvs().addRealServer(service, RealServer.builder(REAL, REAL_PORT).masquerade().build());
        }
    }

    /** Counters, without the rates: the rates keep moving as the estimator decays them. */
    private static List<Long> counters(Stats s) {
        return List.of(s.connections(), s.inPackets(), s.outPackets(), s.inBytes(), s.outBytes());
    }

    private static List<Long> columns(IpvsadmListing.Row row) {
        return List.of(row.number(0), row.number(1), row.number(2), row.number(3), row.number(4));
    }

    private static Stats serviceStats(KernelNamespace ns, ServiceKey key) {
        return ns.ipvs().service(key).orElseThrow().stats();
    }

    private static Stats realServerStats(KernelNamespace ns, ServiceKey key) {
        return ns.ipvs().realServers(key).get(0).stats();
    }

    /** The service's and its real server's counters once the kernel has folded in all traffic. */
    private static List<List<Long>> settled(KernelNamespace ns, ServiceKey key, long connections) {
        Poll.until(SETTLE_TIMEOUT, connections + " connections counted on " + key,
                () -> serviceStats(ns, key).connections(), c -> c == connections);
        return Poll.untilSteady(FOLDED, SETTLE_TIMEOUT, "counters of " + key,
                () -> List.of(counters(serviceStats(ns, key)), counters(realServerStats(ns, key))));
    }

    @Test
    void countersAfterTrafficAreWhatIpvsadmShows(KernelNamespace ns) {
        addressesAndService(ns, WEB);
        try (TcpEcho echo = TcpEcho.listen(ns, REAL, REAL_PORT)) {
            for (int i = 0; i < 3; i++) {
                TcpEcho.oneConnection(ns, VIP, 80, "ping " + i + "\n");
            }
            assertEquals(3, echo.acceptedCount());
        }

        List<List<Long>> api = settled(ns, WEB, 3);

        List<Long> service = api.get(0);
        assertEquals(3L, service.get(0));
        assertTrue(service.subList(1, 5).stream().allMatch(v -> v > 0), "every counter counted: " + service);
        assertEquals(service, api.get(1), "the only real server carries all of the service's traffic");
        IpvsadmListing listing = IpvsadmListing.parse(ns.ipvsadm("-Ln", "--stats", "--exact"));
        assertEquals(service, columns(listing.service("TCP 10.0.0.100:80")));
        assertEquals(api.get(1), columns(listing.realServer("TCP 10.0.0.100:80", "10.0.0.2:8080")));
    }

    @Test
    void zeroAllZeroesEveryCounter(KernelNamespace ns) {
        addressesAndService(ns, WEB, OTHER);
        try (TcpEcho echo = TcpEcho.listen(ns, REAL, REAL_PORT)) {
            TcpEcho.oneConnection(ns, VIP, 80, "a\n");
            TcpEcho.oneConnection(ns, VIP, 81, "b\n");
            assertEquals(2, echo.acceptedCount());
        }
        settled(ns, WEB, 1);
        settled(ns, OTHER, 1);

        ns.ipvs().zeroAll();

        List<Long> zero = counters(Stats.ZERO);
        for (ServiceKey key : List.of(WEB, OTHER)) {
            assertEquals(zero, counters(serviceStats(ns, key)), key.toString());
            assertEquals(zero, counters(realServerStats(ns, key)), key.toString());
        }
        IpvsadmListing listing = IpvsadmListing.parse(ns.ipvsadm("-Ln", "--stats", "--exact"));
        assertEquals(4, listing.rows().size(), listing.toString());
        listing.rows().forEach(row -> assertEquals(zero, columns(row), row.toString()));
    }

    @Test
    void zeroOfOneServiceLeavesTheOthersCounters(KernelNamespace ns) {
        addressesAndService(ns, WEB, OTHER);
        try (TcpEcho echo = TcpEcho.listen(ns, REAL, REAL_PORT)) {
            TcpEcho.oneConnection(ns, VIP, 80, "a\n");
            TcpEcho.oneConnection(ns, VIP, 81, "b\n");
            TcpEcho.oneConnection(ns, VIP, 81, "c\n");
            assertEquals(3, echo.acceptedCount());
        }
        settled(ns, WEB, 1);
        List<List<Long>> other = settled(ns, OTHER, 2);

        ns.ipvs().zero(WEB);

        assertEquals(counters(Stats.ZERO), counters(serviceStats(ns, WEB)));
        assertEquals(counters(Stats.ZERO), counters(realServerStats(ns, WEB)));
        assertEquals(other, List.of(counters(serviceStats(ns, OTHER)), counters(realServerStats(ns, OTHER))));
        IpvsadmListing listing = IpvsadmListing.parse(ns.ipvsadm("-Ln", "--stats", "--exact"));
        assertEquals(counters(Stats.ZERO), columns(listing.service("TCP 10.0.0.100:80")));
        assertEquals(counters(Stats.ZERO), columns(listing.realServer("TCP 10.0.0.100:80", "10.0.0.2:8080")));
        assertEquals(other.get(0), columns(listing.service("TCP 10.0.0.100:81")));
        assertEquals(other.get(1), columns(listing.realServer("TCP 10.0.0.100:81", "10.0.0.2:8080")));
    }

    @Test
    void openConnectionIsActiveAndClosedOneInactive(KernelNamespace ns) throws IOException {
        addressesAndService(ns, WEB);
        try (TcpEcho echo = TcpEcho.listen(ns, REAL, REAL_PORT)) {
            Socket open = TcpEcho.connect(ns, VIP, 80);
            try {
                TcpEcho.roundTrip(open, "hello\n");
                assertEquals(1, echo.acceptedCount());

                RealServerEntry active = Poll.until(Duration.ofSeconds(10), "one active connection",
                        () -> ns.ipvs().realServers(WEB).get(0), e -> e.activeConnections() == 1);
                assertEquals(0, active.inactiveConnections());
                assertEquals(List.of("Masq", "1", "1", "0"),
                        IpvsadmListing.parse(ns.ipvsadm("-Ln")).realServer("TCP 10.0.0.100:80", "10.0.0.2:8080").columns());
            } finally {
                open.close();
            }

            RealServerEntry closed = Poll.until(Duration.ofSeconds(10), "the connection to turn inactive",
                    () -> ns.ipvs().realServers(WEB).get(0), e -> e.activeConnections() == 0 && e.inactiveConnections() == 1);
            assertEquals(List.of("Masq", "1", String.valueOf(closed.activeConnections()),
                            String.valueOf(closed.inactiveConnections())),
                    IpvsadmListing.parse(ns.ipvsadm("-Ln")).realServer("TCP 10.0.0.100:80", "10.0.0.2:8080").columns());
        }
    }

    @Test
    void persistenceTemplateIsCounted(KernelNamespace ns) {
        ns.addLoopbackAddress(VIP, 32);
        ns.addLoopbackAddress(REAL, 32);
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).persistent(Duration.ofSeconds(60)).build());
        ns.ipvs().addRealServer(WEB, RealServer.builder(REAL, REAL_PORT).masquerade().build());
        try (TcpEcho echo = TcpEcho.listen(ns, REAL, REAL_PORT)) {
            TcpEcho.oneConnection(ns, VIP, 80, "x\n");
            TcpEcho.oneConnection(ns, VIP, 80, "y\n");
            assertEquals(2, echo.acceptedCount());
        }

        RealServerEntry entry = ns.ipvs().realServers(WEB).get(0);

        assertEquals(1, entry.persistentConnections(), entry.toString());
        // Weight, PersistConn (then ActiveConn and InActConn, which the closing connections' timers move).
        assertEquals(List.of("1", "1"), IpvsadmListing.parse(ns.ipvsadm("-Ln", "--persistent-conn"))
                .realServer("TCP 10.0.0.100:80", "10.0.0.2:8080").columns().subList(0, 2));
    }
}

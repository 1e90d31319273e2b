package io.jlvs.health.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.FailureAction;
import io.jlvs.health.HealthEvent;
import io.jlvs.health.HealthMonitor;
import io.jlvs.health.HealthPolicy;
import io.jlvs.health.IpvsActuator;
import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.Poll;
import io.jlvs.testing.TcpEcho;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A real IPVS service with three real servers listening in the test's namespace (127.0.0.2-4:8080),
 * watched by a HealthMonitor with TCP checks and an IpvsActuator: killing a listener quiesces or
 * removes its real server, restarting it restores the configured weight, and with every listener
 * gone the sorry server is in; {@code ipvsadm -Sn} is the witness. Waits are bounded and generous
 * (the guest is emulated); no timing is asserted.
 */
@KernelTest
class HealthMonitorKernelIT {
    static final ServiceKey VIP = ServiceKey.tcp(ip("10.10.10.1"), 80);
    static final VirtualService SERVICE = VirtualService.builder(VIP).scheduler(Scheduler.WRR).build();
    static final int PORT = 8080;
    static final Duration WAIT = Duration.ofSeconds(60);
    static final List<RealServer> SERVERS = List.of(
            RealServer.builder(ip("127.0.0.2"), PORT).masquerade().weight(2).build(),
            RealServer.builder(ip("127.0.0.3"), PORT).masquerade().weight(3).build(),
            RealServer.builder(ip("127.0.0.4"), PORT).masquerade().weight(4).build());
    static final RealServer SORRY = RealServer.builder(ip("127.0.0.9"), PORT).masquerade().weight(1).build();

    final List<HealthEvent> events = new CopyOnWriteArrayList<>();

    static String rule(RealServer rs, int weight) {
        return "-a -t 10.10.10.1:80 -r " + rs.address().getHostAddress() + ":" + PORT + " -m -w " + weight;
    }

    /** The service and its real servers, made by the API; listeners for each; a started monitor. */
    private HealthMonitor setUp(KernelNamespace ns, HealthPolicy policy, List<TcpEcho> listeners) {
        ns.ipvs().addService(SERVICE);
        List<WatchedServer> watched = new ArrayList<>();
        NamespaceTcpCheck check = new NamespaceTcpCheck(ns, Duration.ofSeconds(2));
        for (RealServer rs : SERVERS) {
            ns.ipvs().addRealServer(VIP, rs);
            listeners.add(TcpEcho.listen(ns, rs.address(), PORT));
            watched.add(WatchedServer.of(rs, check));
        }
        HealthMonitor monitor = HealthMonitor.builder(new IpvsActuator(ns.openClient()))
                .watch(new WatchedService(SERVICE, watched, policy)).listener(events::add).build();
        monitor.start();
        return monitor;
    }

    private static HealthPolicy.Builder fast() {
        return HealthPolicy.builder().interval(Duration.ofMillis(500)).rise(1).fall(2);
    }

    private static List<String> awaitRules(KernelNamespace ns, String what, java.util.function.Predicate<List<String>> done) {
        return Poll.until(WAIT, what, ns::ipvsadmSave, done);
    }

    @Test
    void aKilledRealServerIsQuiescedAndRestoredToItsWeightWhenItComesBack(KernelNamespace ns) {
        List<TcpEcho> listeners = new ArrayList<>();
        try (HealthMonitor monitor = setUp(ns, fast().onFailure(FailureAction.QUIESCE).build(), listeners)) {
            RealServer victim = SERVERS.get(1);
            Poll.until(WAIT, "first probes", () -> monitor.snapshot().probesCompleted(), n -> n >= 3);

            listeners.get(1).close();
            awaitRules(ns, "127.0.0.3 quiesced", r -> r.contains(rule(victim, 0)));
            assertTrue(ns.ipvsadmSave().containsAll(List.of(rule(SERVERS.get(0), 2), rule(SERVERS.get(2), 4))),
                    "the others untouched: " + ns.ipvsadmSave());

            listeners.set(1, TcpEcho.listen(ns, victim.address(), PORT));
            awaitRules(ns, "127.0.0.3 back at weight 3", r -> r.contains(rule(victim, 3)));
            assertTrue(events.stream().anyMatch(e -> e.kind() == HealthEvent.Kind.DOWN), "events: " + events);
            assertTrue(events.stream().anyMatch(e -> e.kind() == HealthEvent.Kind.UP), "events: " + events);
        } finally {
            listeners.forEach(TcpEcho::close);
        }
    }

    @Test
    void withTheRemovePolicyAKilledRealServerLeavesTheTableAndReturns(KernelNamespace ns) {
        List<TcpEcho> listeners = new ArrayList<>();
        try (HealthMonitor monitor = setUp(ns, fast().onFailure(FailureAction.REMOVE).build(), listeners)) {
            RealServer victim = SERVERS.get(0);
            Poll.until(WAIT, "first probes", () -> monitor.snapshot().probesCompleted(), n -> n >= 3);

            listeners.get(0).close();
            awaitRules(ns, "127.0.0.2 removed", r -> r.stream().noneMatch(l -> l.contains("127.0.0.2:")) && r.size() == 3);

            listeners.set(0, TcpEcho.listen(ns, victim.address(), PORT));
            awaitRules(ns, "127.0.0.2 added back at weight 2", r -> r.contains(rule(victim, 2)));
        } finally {
            listeners.forEach(TcpEcho::close);
        }
    }

    @Test
    void withEveryRealServerDownTheSorryServerIsInAndLeavesWhenOneReturns(KernelNamespace ns) {
        List<TcpEcho> listeners = new ArrayList<>();
        try (HealthMonitor monitor = setUp(ns, fast().sorryServer(SORRY).build(), listeners)) {
            Poll.until(WAIT, "first probes", () -> monitor.snapshot().probesCompleted(), n -> n >= 3);

            listeners.forEach(TcpEcho::close);
            awaitRules(ns, "every real server quiesced and the sorry server in", r -> r.contains(rule(SORRY, 1))
                    && SERVERS.stream().allMatch(rs -> r.contains(rule(rs, 0))));

            listeners.set(2, TcpEcho.listen(ns, SERVERS.get(2).address(), PORT));
            awaitRules(ns, "sorry server gone, 127.0.0.4 back", r -> !r.contains(rule(SORRY, 1))
                    && r.contains(rule(SERVERS.get(2), 4)));
        } finally {
            listeners.forEach(TcpEcho::close);
        }
    }
}

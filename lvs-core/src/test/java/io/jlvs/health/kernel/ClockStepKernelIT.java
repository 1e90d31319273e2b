package io.jlvs.health.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.jlvs.testing.Processes;
import io.jlvs.testing.TcpEcho;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, in the guest: the guest's wall clock is stepped with {@code date -s} an hour forward,
 * two hours back and an hour forward again while a monitor probes two live real servers. Probing
 * must go on after every step (no pause for the hour the clock went back) and no server may be taken
 * down (no probe taken for one that overran its timeout by an hour); the table stays as it was
 * ({@code ipvsadm -Sn}). Only in the QEMU guest: a real host's clock is not the test's to step. The
 * clock is put back however the test ends (wall time at the start plus monotonic time since).
 */
@KernelTest
class ClockStepKernelIT {
    static final ServiceKey VIP = ServiceKey.tcp(ip("10.10.10.7"), 80);
    static final int PORT = 8080;
    static final Duration WAIT = Duration.ofSeconds(60);
    static final List<RealServer> SERVERS = List.of(
            RealServer.builder(ip("127.0.0.2"), PORT).masquerade().weight(2).build(),
            RealServer.builder(ip("127.0.0.3"), PORT).masquerade().weight(3).build());
    static final List<Duration> STEPS = List.of(Duration.ofHours(1), Duration.ofHours(-2), Duration.ofHours(1));

    static void setClock(Instant t) {
        Processes.check(Duration.ofSeconds(30), List.of("date", "-u", "-s", "@" + t.getEpochSecond()));
    }

    @Test
    void steppingTheWallClockAnHourEitherWayNeitherPausesProbingNorDownsAServer(KernelNamespace ns) {
        Assumptions.assumeTrue("1".equals(System.getenv("JLVS_IN_VM")),
                "only in the QEMU guest (scripts/vm/run): stepping a real host's clock would disturb it");
        Instant wallAtStart = Instant.now();
        long nanosAtStart = System.nanoTime();
        List<HealthEvent> events = new CopyOnWriteArrayList<>();
        VirtualService service = VirtualService.builder(VIP).scheduler(Scheduler.WRR).build();
        ns.ipvs().addService(service);
        List<TcpEcho> listeners = new java.util.ArrayList<>();
        try {
            for (RealServer rs : SERVERS) {
                ns.ipvs().addRealServer(VIP, rs);
                listeners.add(TcpEcho.listen(ns, rs.address(), PORT));
            }
            NamespaceTcpCheck check = new NamespaceTcpCheck(ns, Duration.ofSeconds(2));
            HealthPolicy policy = HealthPolicy.builder().interval(Duration.ofMillis(300)).rise(1).fall(2)
                    .onFailure(FailureAction.QUIESCE).build();
            try (HealthMonitor monitor = HealthMonitor.builder(new IpvsActuator(ns.openClient()))
                    .watch(new WatchedService(service, SERVERS.stream().map(rs -> WatchedServer.of(rs, check)).toList(), policy))
                    .listener(events::add).build()) {
                monitor.start();
                Poll.until(WAIT, "first probes", () -> monitor.snapshot().probesCompleted(), n -> n >= 4);
                List<String> before = ns.ipvsadmSave();
                for (Duration step : STEPS) {
                    setClock(Instant.now().plus(step));
                    long probed = monitor.snapshot().probesCompleted();
                    // At two servers every 0.3 s, 10 probes take 1.5 s; a pause of an hour would never get there.
                    Poll.until(WAIT, "10 more probes after stepping the clock by " + step,
                            () -> monitor.snapshot().probesCompleted(), n -> n >= probed + 10);
                }
                assertTrue(events.stream().noneMatch(e -> e.kind() == HealthEvent.Kind.DOWN),
                        "no server taken down by a clock step: " + events);
                assertEquals(before, ns.ipvsadmSave(), "the table is as it was");
            }
        } finally {
            listeners.forEach(TcpEcho::close);
            setClock(wallAtStart.plusNanos(System.nanoTime() - nanosAtStart));
        }
    }
}

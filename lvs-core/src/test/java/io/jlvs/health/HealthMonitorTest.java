package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitor's runtime with a manual clock: probes started as time moves, one per shared target,
 * decisions batched to the actuator and published to listeners, and a bounded close.
 */
@Timeout(60)
class HealthMonitorTest {
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final ServiceKey MAIL = ServiceKey.tcp(ip("10.0.0.2"), 80);
    static final RealServer A = RealServer.builder(ip("192.168.1.2"), 80).masquerade().weight(5).build();
    static final RealServer B = RealServer.builder(ip("192.168.1.3"), 80).masquerade().weight(3).build();
    static final HealthPolicy EVERY_SECOND = HealthPolicy.builder().interval(Duration.ofSeconds(1)).fall(2).build();

    final ManualClock clock = new ManualClock();
    final ScriptedCheck.Script script = new ScriptedCheck.Script();
    final ScriptedCheck check = ScriptedCheck.of(script);
    final RecordingActuator actuator = new RecordingActuator();
    final List<HealthEvent> events = new CopyOnWriteArrayList<>();
    HealthMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    WatchedService service(ServiceKey key, HealthPolicy policy, RealServer... servers) {
        return new WatchedService(VirtualService.builder(key).scheduler(Scheduler.WLC).build(),
                java.util.Arrays.stream(servers).map(s -> WatchedServer.of(s, check)).toList(), policy);
    }

    HealthMonitor start(WatchedService... services) {
        monitor = HealthMonitor.builder(actuator).clock(clock).listener(events::add).watch(List.of(services)).build();
        monitor.start();
        return monitor;
    }

    /** Moves one interval on and waits until every probe of the round has been counted. */
    void round() {
        long before = monitor.snapshot().probesCompleted();
        int probes = distinctProbes();
        clock.advance(Duration.ofSeconds(1));
        awaitSnapshot("round of " + probes + " probes", s -> s.probesCompleted() >= before + probes);
    }

    int distinctProbes() {
        return (int) monitor.snapshot().services().values().stream().flatMap(s -> s.servers().stream())
                .map(s -> s.configured().key()).distinct().count();
    }

    HealthSnapshot awaitSnapshot(String what, Predicate<HealthSnapshot> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HealthSnapshot s = monitor.snapshot();
            if (done.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what + "; last " + s);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static InetSocketAddress target(RealServer rs) {
        return new InetSocketAddress(rs.address(), rs.port());
    }

    @Test
    void servicesSharingARealServerGetOneProbePerIntervalAndEachResultUpdatesBoth() throws Exception {
        start(service(WEB, EVERY_SECOND, A, B), service(MAIL, EVERY_SECOND, A));
        for (int i = 0; i < 3; i++) {
            round();
        }
        assertEquals(3, script.probes(target(A)), "A is probed once per second for both services");
        assertEquals(3, script.probes(target(B)));

        script.down(target(A));
        round();
        round();

        List<Change> changes = actuator.awaitChanges(2);
        assertEquals(List.of(WEB, MAIL), changes.stream().map(Change::service).toList());
        assertEquals(1, actuator.calls().size(), "one result, two services: one batch " + actuator.calls());
        HealthSnapshot s = monitor.snapshot();
        assertEquals(DesiredState.QUIESCED, s.service(WEB).server(A).desired());
        assertEquals(DesiredState.QUIESCED, s.service(MAIL).server(A).desired());
        assertEquals(DesiredState.up(3), s.service(WEB).server(B).desired());
    }

    @Test
    void listenersHearEachChangeOnceWithItsReasonLatencyAndTime() throws Exception {
        start(service(WEB, EVERY_SECOND, A, B));
        script.down(target(A));
        round();
        round();
        actuator.awaitChanges(1);
        round();
        script.up(target(A));
        round();
        actuator.awaitChanges(2);

        awaitEvents(2);
        HealthEvent down = events.get(0);
        assertEquals(HealthEvent.Kind.DOWN, down.kind());
        assertEquals(WEB, down.service());
        assertEquals(Optional.of(new RealServerAddress(A.address(), 80)), down.realServer());
        assertEquals(DesiredState.up(5), down.from());
        assertEquals(DesiredState.QUIESCED, down.to());
        assertEquals("connection refused", down.reason());
        assertEquals(Duration.ofMillis(3), down.latency());
        assertEquals(clock.now().minusSeconds(2), down.time());
        HealthEvent up = events.get(1);
        assertEquals(HealthEvent.Kind.UP, up.kind());
        assertEquals(DesiredState.up(5), up.to());
        assertEquals(2, events.size(), "the third failure changed nothing: " + events);
    }

    @Test
    void aFailingCheckOrListenerOrActuatorDoesNotStopTheMonitor() throws Exception {
        HealthCheck broken = new ThrowingCheck();
        RealServer c = RealServer.builder(ip("192.168.1.4"), 80).weight(2).build();
        WatchedService svc = new WatchedService(VirtualService.builder(WEB).build(),
                List.of(WatchedServer.of(c, broken)), EVERY_SECOND.toBuilder().fall(1).build());
        CountDownLatch heard = new CountDownLatch(1);
        monitor = HealthMonitor.builder(changes -> {
            throw new IllegalStateException("actuator down");
        }).clock(clock).listener(e -> {
            throw new IllegalStateException("listener down");
        }).listener(e -> heard.countDown()).watch(svc).build();
        monitor.start();

        clock.advance(Duration.ofSeconds(1));

        assertTrue(heard.await(10, java.util.concurrent.TimeUnit.SECONDS));
        HealthSnapshot s = awaitSnapshot("the result", x -> x.probesCompleted() >= 1);
        ProbeResult r = s.service(WEB).servers().get(0).lastResult().orElseThrow();
        assertTrue(r.reason().contains("boom"), r.reason());
        clock.advance(Duration.ofSeconds(1));
        awaitSnapshot("a second round", x -> x.probesCompleted() >= 2);
    }

    @Test
    void closeEndsWithinItsBoundEvenWithAProbeThatNeverReturns() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        HangingCheck hang = new HangingCheck(entered, new java.util.concurrent.atomic.AtomicBoolean());
        RealServer c = RealServer.builder(ip("192.168.1.5"), 80).build();
        monitor = HealthMonitor.builder(actuator).clock(clock).shutdownTimeout(Duration.ofSeconds(3))
                .watch(new WatchedService(VirtualService.builder(WEB).build(), List.of(WatchedServer.of(c, hang)), EVERY_SECOND))
                .build();
        monitor.start();
        clock.advance(Duration.ofSeconds(1));
        assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS));

        long t0 = System.nanoTime();
        monitor.close();
        long took = System.nanoTime() - t0;

        assertTrue(took < Duration.ofSeconds(10).toNanos(), "close took " + took / 1_000_000 + " ms");
        assertTrue(hang.interrupted().get(), "the hanging probe was interrupted");
    }

    @Test
    void aProbeRunningFarPastItsTimeoutIsInterruptedAndCountsAsDown() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        RealServer c = RealServer.builder(ip("192.168.1.6"), 80).weight(4).build();
        monitor = HealthMonitor.builder(actuator).clock(clock).probeGrace(Duration.ofMillis(200))
                .watch(new WatchedService(VirtualService.builder(WEB).build(),
                        List.of(WatchedServer.of(c, new HangingCheck(entered, new java.util.concurrent.atomic.AtomicBoolean()))), EVERY_SECOND.toBuilder().fall(1).build()))
                .build();
        monitor.start();
        clock.advance(Duration.ofSeconds(1));
        assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS));

        clock.advance(Duration.ofMillis(2500)); // timeout 1 s + grace 0.2 s have passed

        List<Change> changes = actuator.awaitChanges(1);
        assertEquals(DesiredState.QUIESCED, ((Change.RealServerChange) changes.get(0)).to());
        String reason = monitor.snapshot().service(WEB).servers().get(0).lastResult().orElseThrow().reason();
        assertTrue(reason.contains("did not finish"), reason);
    }

    @Test
    void reconfigureKeepsTheStateOfServersThatStay() throws Exception {
        start(service(WEB, EVERY_SECOND, A, B));
        script.down(target(A));
        round();
        round();
        actuator.awaitChanges(1);

        RealServer b2 = B.toBuilder().weight(7).build();
        monitor.reconfigure(List.of(service(WEB, EVERY_SECOND, A, b2)));
        clock.advance(Duration.ZERO);

        List<Change> changes = actuator.awaitChanges(2);
        assertEquals(b2, ((Change.RealServerChange) changes.get(1)).server(), "B's new configured weight applied");
        assertEquals(DesiredState.QUIESCED, monitor.snapshot().service(WEB).server(A).desired(), "A stays down");
    }

    void awaitEvents(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited for " + n + " events; got " + events);
            }
            Thread.sleep(5);
        }
    }

    /** A check that throws instead of answering. */
    record ThrowingCheck() implements HealthCheck {
        @Override
        public ProbeResult probe(InetSocketAddress target) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public String type() {
            return "throwing";
        }
    }

    /** A check that blocks until interrupted, ignoring its own timeout. */
    record HangingCheck(CountDownLatch entered, java.util.concurrent.atomic.AtomicBoolean interrupted) implements HealthCheck {

        @Override
        public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            throw new AssertionError("unreachable");
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public String type() {
            return "hanging";
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

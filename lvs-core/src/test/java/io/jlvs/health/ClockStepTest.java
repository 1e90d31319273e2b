package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wall clock stepping an hour either way (NTP, {@code date -s}, a resumed VM) changes nothing
 * for the monitor: probing goes on at its interval, and a probe running across the step is not
 * taken for one that overran its timeout by an hour.
 */
@Timeout(60)
class ClockStepTest {
    private static final Duration HOUR = Duration.ofHours(1);

    /** A wall clock the test steps by hand. */
    private static final class SteppedWall implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T12:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void step(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    /** Up after a short while, so a probe is usually running when the wall clock steps; counts its probes. */
    private record SlowUp(AtomicInteger probes) implements HealthCheck {
        @Override
        public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
            probes.incrementAndGet();
            Thread.sleep(80);
            return ProbeResult.up("ok", Duration.ofMillis(80));
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public String type() {
            return "slow-up";
        }
    }

    @Test
    void aWallClockStepOfAnHourEitherWayCausesNoDownAndNoPause() throws Exception {
        SteppedWall wall = new SteppedWall();
        // the wall clock moves with real time between the test's steps
        long realStart = System.nanoTime();
        InstantSource walking = () -> wall.instant().plusNanos(System.nanoTime() - realStart);
        HealthClock clock = HealthClock.monotonic(walking, System::nanoTime);
        AtomicInteger probes = new AtomicInteger();
        RealServer server = RealServer.builder(InetAddress.getLoopbackAddress(), 80).weight(5).build();
        ServiceKey key = ServiceKey.tcp(InetAddress.getByName("10.0.0.1"), 80);
        HealthPolicy policy = HealthPolicy.builder().interval(Duration.ofMillis(100)).fall(1).rise(1).build();
        List<HealthEvent> events = new CopyOnWriteArrayList<>();
        RecordingActuator actuator = new RecordingActuator();

        try (HealthMonitor monitor = HealthMonitor.builder(actuator).clock(clock).probeGrace(Duration.ofMillis(100))
                .listener(events::add)
                .watch(new WatchedService(VirtualService.builder(key).build(),
                        List.of(WatchedServer.of(server, new SlowUp(probes))), policy))
                .build()) {
            monitor.start();
            awaitProbes(probes, 3);
            for (Duration step : List.of(HOUR, HOUR.negated(), HOUR.negated(), HOUR)) {
                int before = probes.get();
                wall.step(step);
                awaitProbes(probes, before + 4);
            }
        }

        assertEquals(List.of(), events.stream().filter(e -> e.to() != e.from()).toList(), "no state changed");
        assertEquals(List.of(), actuator.changes(), "nothing was taken out of the table");
    }

    /** Waits up to ten seconds of real time for {@code count} probes: probing must not pause. */
    private static void awaitProbes(AtomicInteger probes, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (probes.get() < count && System.nanoTime() - end < 0) {
            Thread.sleep(10);
        }
        assertTrue(probes.get() >= count, "probing paused: " + probes.get() + " probes, waited for " + count);
    }
}
